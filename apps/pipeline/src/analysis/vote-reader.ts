import type { Store } from '@prefstream/clickhouse';
import { storedVote, VOTE_COLUMNS, type StoredVote, type VoteQueryRow } from './stored-vote';

export interface VoteReaderOptions {
  /** Only this tenant's votes (default: all). */
  tenant?: string;
  /** Rows per query. Default 50,000. */
  pageSize?: number;
  /**
   * How far (event time) behind the newest vote read a vote may still land and be picked up by the next
   * read. The votes table has no insertion time, so reads resume from an event-time cursor; a vote
   * arriving later than this behind it is seen only by a reader that starts over. Default 10 minutes,
   * the processor's dedup window.
   */
  latenessMs?: number;
}

export const DEFAULT_LATENESS_MS = 10 * 60_000;

interface Cursor {
  ts: number;
  tenant: string;
  id: string;
}

// Keyset pagination over (ts, tenant, vote_id); FINAL collapses re-inserted copies of a vote.
const PAGE_SQL = `
SELECT ${VOTE_COLUMNS}
FROM votes FINAL
WHERE ({tenant:String} = '' OR tenant = {tenant:String})
  AND (ts, tenant, vote_id) > (fromUnixTimestamp64Milli({after_ts:Int64}), {after_tenant:String}, {after_id:String})
ORDER BY ts, tenant, vote_id
LIMIT {limit:UInt32}`;

/**
 * Reads the votes table incrementally: each read() returns only votes not returned before. Re-reads the
 * last `latenessMs` of event time and skips the ids it already returned there, so late votes inside
 * that horizon are not missed and none is counted twice.
 */
export class IncrementalVoteReader {
  private cursor: Cursor | null = null;
  /** Votes returned whose event time is within the lateness horizon of the cursor: key -> ts. */
  private readonly recent = new Map<string, number>();
  private readonly pageSize: number;
  private readonly latenessMs: number;

  constructor(
    private readonly store: Store,
    private readonly options: VoteReaderOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 50_000;
    this.latenessMs = options.latenessMs ?? DEFAULT_LATENESS_MS;
    if (!(Number.isInteger(this.pageSize) && this.pageSize >= 1)) throw new RangeError(`pageSize must be a positive integer, got ${this.pageSize}`);
  }

  /** Pages of votes not returned before, in (ts, tenant, vote_id) order. */
  async *read(): AsyncGenerator<StoredVote[]> {
    let after: Cursor = this.cursor ? { ts: Math.max(0, this.cursor.ts - this.latenessMs), tenant: '', id: '' } : { ts: 0, tenant: '', id: '' };
    for (;;) {
      const rows = await this.store.query<VoteQueryRow>(PAGE_SQL, {
        tenant: this.options.tenant ?? '', after_ts: after.ts, after_tenant: after.tenant, after_id: after.id, limit: this.pageSize,
      });
      const fresh: StoredVote[] = [];
      for (const row of rows) {
        const vote = storedVote(row);
        after = { ts: vote.tsMs, tenant: vote.tenant, id: vote.voteId };
        const key = `${vote.tenant}\u0000${vote.voteId}`;
        if (this.recent.has(key)) continue;
        this.recent.set(key, vote.tsMs);
        fresh.push(vote);
        if (!this.cursor || vote.tsMs > this.cursor.ts) this.cursor = after;
      }
      // Pages come in event-time order, so ids behind the horizon can no longer be met again.
      this.forgetBeforeHorizon();
      if (fresh.length > 0) yield fresh;
      if (rows.length < this.pageSize) break;
    }
  }

  private forgetBeforeHorizon(): void {
    if (!this.cursor) return;
    const horizon = this.cursor.ts - this.latenessMs;
    for (const [key, ts] of this.recent) if (ts < horizon) this.recent.delete(key);
  }
}
