import { PrefstreamError } from '@prefstream/errors';
import { rangeLogToken, type ProcessorState, type RangeEntry, type Snapshot } from '@prefstream/processing';
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

/** A row as read back: offsets as decimal strings (UInt64 in JSON loses precision above 2^53). */
interface EntryRow {
  kind: 'range' | 'snapshot';
  from_text: string;
  to_text: string;
  idle_watermark_ms: number | string;
  state: string;
}

/** Where a partition's snapshots and range log live. */
export interface CheckpointStore {
  /**
   * The latest snapshot and the ranges logged for the partition. Where a `from` has more than one
   * entry, they come in the order `logRange` ranks them (its winner first).
   */
  load(topic: string, partition: number): Promise<{ snapshot?: Snapshot<ProcessorState>; ranges: RangeEntry[] }>;
  /**
   * Proposes a range. The log is a first-writer-wins register keyed by `range.from`: resolves with the
   * entry the log holds for that start once it is durable - `range` itself, or the range another writer
   * logged there first.
   */
  logRange(range: RangeEntry): Promise<RangeEntry>;
  saveSnapshot(snapshot: Snapshot<ProcessorState>): Promise<void>;
}

const ENTRY_COLUMNS = 'kind, toString(from_offset) AS from_text, toString(to_offset) AS to_text, idle_watermark_ms, state';
/** The register's precedence among entries for one `from`: earliest written, then shortest. */
const PRECEDENCE = 'written_at, to_offset';

/**
 * Snapshots and the range log, kept in the `pipeline_checkpoints` table next to the data they describe.
 * Each row is inserted with a deterministic dedup token, so re-writing one is harmless.
 *
 * A range entry's token names only its start (`rangeLogToken`), so the table's insert deduplication makes
 * the range log a first-writer-wins register: when two owners of a partition propose different ends for
 * the same start, the second insert is dropped, and both read back the first. (The table has no
 * PARTITION BY, so every row lands in the one table partition and the token is compared across all of
 * them.) The register holds while the two proposals are within the table's deduplication window
 * (`non_replicated_deduplication_window`, 10,000 blocks); should that ever be exceeded, both rows exist and
 * every reader ranks them the same way (earliest `written_at`, then smallest `to`).
 */
export class CheckpointLog implements CheckpointStore {
  constructor(private readonly store: OutputStore, private readonly group: string) {}

  async load(topic: string, partition: number): Promise<{ snapshot?: Snapshot<ProcessorState>; ranges: RangeEntry[] }> {
    const rows = await this.store.query<EntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM pipeline_checkpoints
       WHERE consumer_group = {group:String} AND topic = {topic:String} AND partition = {partition:UInt32}
         AND (kind = 'range' OR to_offset = (SELECT max(to_offset) FROM pipeline_checkpoints
              WHERE consumer_group = {group:String} AND topic = {topic:String} AND partition = {partition:UInt32} AND kind = 'snapshot'))
       ORDER BY kind, from_offset, ${PRECEDENCE}`,
      { group: this.group, topic, partition },
    );
    const snapshotRow = rows.find((r) => r.kind === 'snapshot');
    const snapshot = snapshotRow ? { topic, partition, nextOffset: snapshotRow.to_text, state: JSON.parse(snapshotRow.state) as ProcessorState } : undefined;
    const ranges = rows.filter((r) => r.kind === 'range').map((r) => this.entry(topic, partition, r));
    return { snapshot, ranges };
  }

  async logRange(range: RangeEntry): Promise<RangeEntry> {
    await this.write(
      { kind: 'range', topic: range.topic, partition: range.partition, from_offset: range.from, to_offset: range.to, idle_watermark_ms: range.idleWatermarkMs ?? 0, state: '' },
      rangeLogToken(this.group, range.topic, range.partition, range.from),
    );
    const logged = await this.readRange(range.topic, range.partition, range.from);
    if (!logged) {
      // Our insert succeeded, so an entry exists; a replica that has not caught up yet can miss it. Retry.
      throw new PrefstreamError(`range log entry ${range.topic}/${range.partition}@${range.from} not visible yet after writing it`, { code: 'CHECKPOINT_NOT_VISIBLE', retriable: true });
    }
    return logged;
  }

  /** The register's value at `from`: the entry every owner of the partition processes there. */
  async readRange(topic: string, partition: number, from: string): Promise<RangeEntry | undefined> {
    // `to_offset >= from` holds for every entry at `from`; it lets the primary key skip the partition's
    // older ranges (the sorting key ends in to_offset), so the read stays small however long the log is.
    const rows = await this.store.query<EntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM pipeline_checkpoints
       WHERE consumer_group = {group:String} AND topic = {topic:String} AND partition = {partition:UInt32} AND kind = 'range'
         AND to_offset >= {from:UInt64} AND from_offset = {from:UInt64}
       ORDER BY ${PRECEDENCE}
       LIMIT 1`,
      { group: this.group, topic, partition, from },
    );
    return rows.length ? this.entry(topic, partition, rows[0]) : undefined;
  }

  async saveSnapshot(snapshot: Snapshot<ProcessorState>): Promise<void> {
    await this.write(
      { kind: 'snapshot', topic: snapshot.topic, partition: snapshot.partition, from_offset: snapshot.nextOffset, to_offset: snapshot.nextOffset, idle_watermark_ms: 0, state: JSON.stringify(snapshot.state) },
      `checkpoint/${this.group}/${snapshot.topic}/${snapshot.partition}/snapshot/${snapshot.nextOffset}-${snapshot.nextOffset}`,
    );
  }

  private entry(topic: string, partition: number, row: EntryRow): RangeEntry {
    return { topic, partition, from: row.from_text, to: row.to_text, ...(Number(row.idle_watermark_ms) > 0 ? { idleWatermarkMs: Number(row.idle_watermark_ms) } : {}) };
  }

  private async write(row: Omit<CheckpointRow, 'consumer_group' | 'written_at'>, token: string): Promise<void> {
    await this.store.insert('pipeline_checkpoints', [{ ...row, consumer_group: this.group, written_at: Date.now() }], { dedupToken: token });
  }
}
