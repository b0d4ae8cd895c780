import fs from 'node:fs';
import path from 'node:path';

interface Committed {
  offset: string;
  metadata: string | null;
}

/**
 * Committed consumer-group offsets. With a data dir every commit is appended to a log file
 * (offsets.log) that is replayed on start and compacted when it grows, so commits survive a restart.
 */
export class OffsetStore {
  private offsets = new Map<string, Map<string, Committed>>();
  private file?: string;
  private appended = 0;

  constructor(dataDir?: string) {
    if (!dataDir) return;
    fs.mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, 'offsets.log');
    if (fs.existsSync(this.file)) {
      for (const line of fs.readFileSync(this.file, 'utf8').split('\n')) {
        if (!line) continue;
        try {
          const { group, key, offset, metadata } = JSON.parse(line);
          this.set(group, key, { offset, metadata });
        } catch {
          // A torn last line from a crash mid-write: everything before it is intact.
        }
      }
      this.compact();
    }
  }

  private static key(topic: string, partition: number): string {
    return `${topic}\u0000${partition}`;
  }

  commit(group: string, topic: string, partition: number, offset: bigint, metadata: string | null): void {
    const key = OffsetStore.key(topic, partition);
    const value = { offset: offset.toString(), metadata };
    this.set(group, key, value);
    if (this.file) {
      fs.appendFileSync(this.file, JSON.stringify({ group, key, ...value }) + '\n');
      if (++this.appended > 10000) this.compact();
    }
  }

  fetch(group: string, topic: string, partition: number): { offset: bigint; metadata: string | null } | undefined {
    const value = this.offsets.get(group)?.get(OffsetStore.key(topic, partition));
    return value ? { offset: BigInt(value.offset), metadata: value.metadata } : undefined;
  }

  /** Every committed (topic, partition) of a group. */
  partitionsOf(group: string): { topic: string; partition: number }[] {
    return [...(this.offsets.get(group)?.keys() ?? [])].map((k) => {
      const [topic, partition] = k.split('\u0000');
      return { topic, partition: Number(partition) };
    });
  }

  hasGroup(group: string): boolean {
    return this.offsets.has(group);
  }

  deleteTopic(topic: string): void {
    for (const group of this.offsets.values()) for (const key of [...group.keys()]) if (key.startsWith(`${topic}\u0000`)) group.delete(key);
  }

  private set(group: string, key: string, value: Committed): void {
    let byKey = this.offsets.get(group);
    if (!byKey) this.offsets.set(group, (byKey = new Map()));
    byKey.set(key, value);
  }

  private compact(): void {
    if (!this.file) return;
    const lines: string[] = [];
    for (const [group, byKey] of this.offsets) for (const [key, value] of byKey) lines.push(JSON.stringify({ group, key, ...value }));
    fs.writeFileSync(`${this.file}.tmp`, lines.join('\n') + (lines.length ? '\n' : ''));
    fs.renameSync(`${this.file}.tmp`, this.file);
    this.appended = 0;
  }
}
