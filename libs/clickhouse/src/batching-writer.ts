import { PrefstreamError, withRetry, type RetryOptions } from '@prefstream/errors';
import { assertRowsFit, isKnownTable } from './rows';
import type { Store } from './store';

export interface BatchingWriterOptions {
  /** Flush when this many rows are buffered (and never insert more than this in one statement). */
  maxRows: number;
  /** Flush buffered rows at least this often. */
  flushIntervalMs: number;
  retry?: Partial<RetryOptions>;
  onInsert?: (table: string, rows: number, seconds: number, attempts: number) => void;
}

interface Pending {
  table: string;
  rows: readonly object[];
  dedupToken?: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Splits rows into chunks of at most `size`: the same rows always give the same chunks (and tokens). */
export function chunk<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Buffers rows per table and inserts them in batches: on size, on an interval and on close. Each
 * `write` resolves once its rows are durable, so a caller can commit what they came from. Rows are
 * validated against their table's row schema before they are buffered. Inserts are retried with the
 * same deduplication token while the error is retriable; a batch larger than `maxRows` is split into
 * chunks `token/0`, `token/1`, ... deterministically, so a replay sends the same chunks.
 * Writes without a token are merged into one insert per table per flush (their boundaries are not
 * deterministic, so they get no token: use tokens wherever a replay must not double count).
 */
export class BatchingWriter {
  private pending: Pending[] = [];
  private bufferedRows = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly store: Store, private readonly options: BatchingWriterOptions) {}

  write(table: string, rows: readonly object[], options: { dedupToken?: string } = {}): Promise<void> {
    if (this.closed) return Promise.reject(new PrefstreamError('writer is closed', { code: 'WRITER_CLOSED', retriable: false }));
    if (rows.length === 0) return Promise.resolve();
    if (isKnownTable(table)) assertRowsFit(table, rows);
    const done = new Promise<void>((resolve, reject) => this.pending.push({ table, rows, dedupToken: options.dedupToken, resolve, reject }));
    this.bufferedRows += rows.length;
    if (this.bufferedRows >= this.options.maxRows) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.flushIntervalMs);
    return done;
  }

  /** Inserts everything buffered; resolves when those inserts finished (successfully or not). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.bufferedRows = 0;
    this.flushing = this.flushing.then(() => this.insertAll(batch));
    return this.flushing;
  }

  /** Flushes and refuses further writes. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private async insertAll(batch: Pending[]): Promise<void> {
    const untokened = new Map<string, Pending[]>();
    const jobs: Promise<void>[] = [];
    for (const item of batch) {
      if (item.dedupToken === undefined) untokened.set(item.table, [...(untokened.get(item.table) ?? []), item]);
      else jobs.push(this.settle([item], () => this.insertChunks(item.table, item.rows, item.dedupToken)));
    }
    for (const [table, items] of untokened) jobs.push(this.settle(items, () => this.insertChunks(table, items.flatMap((i) => i.rows))));
    await Promise.all(jobs);
  }

  private async settle(items: Pending[], work: () => Promise<void>): Promise<void> {
    try {
      await work();
      for (const item of items) item.resolve();
    } catch (error) {
      for (const item of items) item.reject(error);
    }
  }

  private async insertChunks(table: string, rows: readonly object[], token?: string): Promise<void> {
    const chunks = chunk(rows, this.options.maxRows);
    for (let i = 0; i < chunks.length; i++) {
      const dedupToken = token === undefined ? undefined : chunks.length === 1 ? token : `${token}/${i}`;
      const started = performance.now();
      let attempts = 0;
      await withRetry(
        async () => {
          attempts++;
          await this.store.insert(table, chunks[i], { dedupToken });
        },
        { retries: 8, initialDelayMs: 100, maxDelayMs: 5000, jitter: 0.2, ...this.options.retry },
      );
      this.options.onInsert?.(table, chunks[i].length, (performance.now() - started) / 1000, attempts);
    }
  }
}
