import type { ProcessorState, RangeEntry, Snapshot } from '@prefstream/processing';
import type { OutputStore } from './output-store';

interface CheckpointRow {
  consumer_group: string;
  topic: string;
  partition: number;
  kind: 'range' | 'snapshot';
  from_offset: string;
  to_offset: string;
  idle_watermark_ms: number;
  state: string;
  written_at: number;
}

/** Where a partition's snapshots and range log live. */
export interface CheckpointStore {
  load(topic: string, partition: number): Promise<{ snapshot?: Snapshot<ProcessorState>; ranges: RangeEntry[] }>;
  logRange(range: RangeEntry): Promise<void>;
  saveSnapshot(snapshot: Snapshot<ProcessorState>): Promise<void>;
}

/**
 * Snapshots and the range log, kept in the `pipeline_checkpoints` table next to the data they describe.
 * Each row is inserted with its own deterministic dedup token, so re-writing one is harmless.
 */
export class CheckpointLog implements CheckpointStore {
  constructor(private readonly store: OutputStore, private readonly group: string) {}

  async load(topic: string, partition: number): Promise<{ snapshot?: Snapshot<ProcessorState>; ranges: RangeEntry[] }> {
    const rows = await this.store.query<CheckpointRow>(
      `SELECT kind, from_offset, to_offset, idle_watermark_ms, state FROM pipeline_checkpoints
       WHERE consumer_group = {group:String} AND topic = {topic:String} AND partition = {partition:UInt32}
         AND (kind = 'range' OR to_offset = (SELECT max(to_offset) FROM pipeline_checkpoints
              WHERE consumer_group = {group:String} AND topic = {topic:String} AND partition = {partition:UInt32} AND kind = 'snapshot'))
       ORDER BY kind, from_offset`,
      { group: this.group, topic, partition },
    );
    const snapshotRow = rows.find((r) => r.kind === 'snapshot');
    const snapshot = snapshotRow ? { topic, partition, nextOffset: String(snapshotRow.to_offset), state: JSON.parse(snapshotRow.state) as ProcessorState } : undefined;
    const ranges = rows
      .filter((r) => r.kind === 'range')
      .map((r) => ({ topic, partition, from: String(r.from_offset), to: String(r.to_offset), ...(Number(r.idle_watermark_ms) > 0 ? { idleWatermarkMs: Number(r.idle_watermark_ms) } : {}) }));
    return { snapshot, ranges };
  }

  async logRange(range: RangeEntry): Promise<void> {
    await this.write({ kind: 'range', topic: range.topic, partition: range.partition, from_offset: range.from, to_offset: range.to, idle_watermark_ms: range.idleWatermarkMs ?? 0, state: '' });
  }

  async saveSnapshot(snapshot: Snapshot<ProcessorState>): Promise<void> {
    await this.write({ kind: 'snapshot', topic: snapshot.topic, partition: snapshot.partition, from_offset: snapshot.nextOffset, to_offset: snapshot.nextOffset, idle_watermark_ms: 0, state: JSON.stringify(snapshot.state) });
  }

  private async write(row: Omit<CheckpointRow, 'consumer_group' | 'written_at'>): Promise<void> {
    const token = `checkpoint/${this.group}/${row.topic}/${row.partition}/${row.kind}/${row.from_offset}-${row.to_offset}`;
    await this.store.insert('pipeline_checkpoints', [{ ...row, consumer_group: this.group, written_at: Date.now() }], { dedupToken: token });
  }
}
