import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { serveConnection } from './connection';
import { GroupCoordinator } from './groups/group-coordinator';
import { OffsetStore } from './groups/offset-store';
import type { BrokerContext } from './handlers/context';
import { TopicStore } from './log/topic-store';

export interface DevBrokerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Log segments, topic list and committed offsets live here and survive restarts; in memory without it. */
  dataDir?: string;
  /** Partitions of auto-created topics. */
  partitions?: number;
  autoCreateTopics?: boolean;
  /** Segment file size before rolling (Kafka's segment.bytes); 64 MiB by default. */
  segmentBytes?: number;
  /** Log bytes per sparse-index entry (Kafka's index.interval.bytes); 4 KiB by default. */
  indexIntervalBytes?: number;
  /** Per partition. Without a data dir, logs are always bounded (1 GiB each unless `bytes` says otherwise). */
  retention?: { bytes?: number; ms?: number };
  /**
   * Expire group members after min(their session timeout, this many ms): a dev/test knob (not a Kafka
   * setting) so a dead consumer is dropped fast without tuning every client. Unset by default.
   */
  sessionTimeoutCap?: number;
  /** Delay before a new group's first generation, to let concurrent members join together. */
  initialRebalanceDelayMs?: number;
  log?: (message: string) => void;
}

export interface DevBroker {
  host: string;
  port: number;
  /** `host:port`, for a client's brokers list. */
  brokers: string;
  createTopic(name: string, partitions: number): void;
  stop(): Promise<void>;
}

/**
 * Starts a single-node broker that speaks the Kafka wire protocol, FOR DEVELOPMENT AND TESTS ONLY:
 * no replication, no transactions, no security, one node. Production uses a real Kafka cluster.
 */
export async function startDevBroker(options: DevBrokerOptions = {}): Promise<DevBroker> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  const topics = new TopicStore({
    dataDir: options.dataDir,
    segmentBytes: options.segmentBytes ?? 64 * 1024 * 1024,
    indexIntervalBytes: options.indexIntervalBytes ?? 4096,
    retentionBytes: options.retention?.bytes ?? (options.dataDir ? undefined : 1024 * 1024 * 1024),
    retentionMs: options.retention?.ms,
  });
  const groups = new GroupCoordinator({ initialRebalanceDelayMs: options.initialRebalanceDelayMs ?? 300, minSessionTimeoutMs: 1000, maxSessionTimeoutMs: 1800000, sessionTimeoutCapMs: options.sessionTimeoutCap, log });
  const offsets = new OffsetStore(options.dataDir);
  let producerId = BigInt(Date.now()) * 1000n;
  const sockets = new Set<net.Socket>();
  const context: BrokerContext = {
    nodeId: 1,
    host,
    port: 0,
    clusterId: 'prefstream-dev-broker',
    topics,
    groups,
    offsets,
    autoCreateTopics: options.autoCreateTopics ?? true,
    defaultPartitions: options.partitions ?? 1,
    nextProducerId: () => producerId++,
    log,
  };
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serveConnection(socket, context);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  context.port = (server.address() as AddressInfo).port;
  log(`dev broker (not for production) listening on ${host}:${context.port}${options.dataDir ? `, data in ${options.dataDir}` : ', in memory'}`);
  return {
    host,
    port: context.port,
    brokers: `${host}:${context.port}`,
    createTopic: (name, partitions) => topics.create(name, partitions),
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      groups.close();
      topics.close();
    },
  };
}
