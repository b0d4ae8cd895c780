import fs from 'node:fs';
import path from 'node:path';
import { PartitionLog } from './partition-log';

export interface TopicStoreOptions {
  dataDir?: string;
  segmentBytes: number;
  indexIntervalBytes?: number;
  retentionBytes?: number;
  retentionMs?: number;
}

const VALID_TOPIC = /^[A-Za-z0-9._-]{1,249}$/;

/** Topics and their partition logs; with a data dir the topic list survives a restart (topics.json). */
export class TopicStore {
  private topics = new Map<string, PartitionLog[]>();
  private appendListeners = new Set<() => void>();
  private retentionSweeper?: NodeJS.Timeout;

  constructor(private readonly options: TopicStoreOptions) {
    if (options.dataDir) {
      fs.mkdirSync(options.dataDir, { recursive: true });
      const file = this.metaFile();
      if (file && fs.existsSync(file)) {
        const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, number>;
        for (const [name, partitions] of Object.entries(saved)) this.open(name, partitions);
      }
    }
    // Time retention must act on idle logs too (appends also enforce it): check them periodically.
    if (options.retentionMs !== undefined) {
      this.retentionSweeper = setInterval(() => this.enforceRetention(Date.now()), Math.min(60000, Math.max(1000, options.retentionMs)));
      this.retentionSweeper.unref();
    }
  }

  static isValidName(name: string): boolean {
    return VALID_TOPIC.test(name) && name !== '.' && name !== '..';
  }

  names(): string[] {
    return [...this.topics.keys()].sort();
  }

  partitions(topic: string): PartitionLog[] | undefined {
    return this.topics.get(topic);
  }

  partition(topic: string, index: number): PartitionLog | undefined {
    return this.topics.get(topic)?.[index];
  }

  create(name: string, partitions: number): void {
    if (this.topics.has(name)) throw new Error(`topic ${name} exists`);
    this.open(name, partitions);
    this.save();
  }

  delete(name: string): boolean {
    const logs = this.topics.get(name);
    if (!logs) return false;
    for (const log of logs) log.destroy();
    this.topics.delete(name);
    if (this.options.dataDir) fs.rmSync(path.join(this.options.dataDir, 'topics', name), { recursive: true, force: true });
    this.save();
    return true;
  }

  /** Long-poll support: fetches waiting for data are woken on every append. */
  onAppend(listener: () => void): () => void {
    this.appendListeners.add(listener);
    return () => this.appendListeners.delete(listener);
  }

  notifyAppend(): void {
    for (const listener of [...this.appendListeners]) listener();
  }

  enforceRetention(now: number): void {
    for (const logs of this.topics.values()) for (const log of logs) log.enforceRetention(now);
  }

  close(): void {
    clearInterval(this.retentionSweeper);
    for (const logs of this.topics.values()) for (const log of logs) log.close();
    this.topics.clear();
  }

  private open(name: string, partitions: number): void {
    const logs = Array.from({ length: partitions }, (_, i) =>
      new PartitionLog({
        dir: this.options.dataDir ? path.join(this.options.dataDir, 'topics', name, String(i)) : undefined,
        segmentBytes: this.options.segmentBytes,
        indexIntervalBytes: this.options.indexIntervalBytes,
        retentionBytes: this.options.retentionBytes,
        retentionMs: this.options.retentionMs,
      }),
    );
    this.topics.set(name, logs);
  }

  private metaFile(): string | undefined {
    return this.options.dataDir ? path.join(this.options.dataDir, 'topics.json') : undefined;
  }

  private save(): void {
    const file = this.metaFile();
    if (!file) return;
    const data = Object.fromEntries([...this.topics].map(([name, logs]) => [name, logs.length]));
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(data));
    fs.renameSync(`${file}.tmp`, file);
  }
}
