import type { GroupCoordinator } from '../groups/group-coordinator';
import type { OffsetStore } from '../groups/offset-store';
import type { TopicStore } from '../log/topic-store';
import type { Struct } from '../protocol/schema';

export interface BrokerContext {
  nodeId: number;
  host: string;
  port: number;
  clusterId: string;
  topics: TopicStore;
  groups: GroupCoordinator;
  offsets: OffsetStore;
  autoCreateTopics: boolean;
  defaultPartitions: number;
  nextProducerId(): bigint;
  log(message: string): void;
}

export interface RequestInfo {
  version: number;
  clientId: string;
  clientHost: string;
}

/** A handler turns one decoded request into a response body; `undefined` means "send no response" (acks=0). */
export type Handler = (request: Struct, info: RequestInfo, broker: BrokerContext) => Promise<Struct | undefined> | Struct | undefined;
