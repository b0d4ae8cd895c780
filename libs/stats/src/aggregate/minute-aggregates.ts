import { MinuteAggregate, type MinuteAggregateJson } from './minute-aggregate';
import { minuteKeyString, type MinuteKey } from './minute-key';
import type { FeedbackObservation, ResponseObservation, ResponseOutcome } from './observations';

/**
 * The open minutes of one partition, by key. Memory is one aggregate per open key; the caller drains
 * minutes its watermark has closed and writes them out (partials from several workers or restarts
 * merge, so writing a minute twice in parts is safe for a store that sums or merges them).
 */
export class MinuteAggregates {
  private readonly byKey = new Map<string, MinuteAggregate>();

  get size(): number {
    return this.byKey.size;
  }

  /** The key parts and aggregate of the last lookup: a response's outcome and its feedback hit the same key in a row. */
  private last: { tenant: string; model: string; model_version: string; variant: string; minute: number; agg: MinuteAggregate } | undefined;

  private at(key: MinuteKey): MinuteAggregate {
    const last = this.last;
    if (last !== undefined && last.minute === key.minute && last.tenant === key.tenant && last.model === key.model && last.model_version === key.model_version && last.variant === key.variant) {
      return last.agg;
    }
    const id = minuteKeyString(key);
    let agg = this.byKey.get(id);
    if (!agg) {
      agg = MinuteAggregate.empty(key);
      this.byKey.set(id, agg);
    }
    // Copied parts, not the key object: a caller may reuse and change its key object between calls.
    this.last = { tenant: key.tenant, model: key.model, model_version: key.model_version, variant: key.variant, minute: key.minute, agg };
    return agg;
  }

  addResponse(key: MinuteKey, o: ResponseObservation): void {
    this.at(key).addResponse(o);
  }

  addOutcome(key: MinuteKey, o: ResponseOutcome): void {
    this.at(key).addOutcome(o);
  }

  addFeedback(key: MinuteKey, f: FeedbackObservation): void {
    this.at(key).addFeedback(f);
  }

  get(key: MinuteKey): MinuteAggregate | undefined {
    return this.byKey.get(minuteKeyString(key));
  }

  /** Removes and returns the aggregates of minutes starting before `minute`, oldest first. */
  drainBefore(minute: number): MinuteAggregate[] {
    this.last = undefined;
    const out: MinuteAggregate[] = [];
    for (const [id, agg] of this.byKey) {
      if (agg.key.minute < minute) {
        out.push(agg);
        this.byKey.delete(id);
      }
    }
    return out.sort((x, y) => x.key.minute - y.key.minute);
  }

  toJSON(): MinuteAggregateJson[] {
    return [...this.byKey.values()].map((a) => a.toJSON());
  }

  static fromJSON(json: readonly MinuteAggregateJson[]): MinuteAggregates {
    const out = new MinuteAggregates();
    for (const j of json) {
      const agg = MinuteAggregate.fromJSON(j);
      const id = minuteKeyString(agg.key);
      const existing = out.byKey.get(id);
      out.byKey.set(id, existing ? existing.merge(agg) : agg);
    }
    return out;
  }
}
