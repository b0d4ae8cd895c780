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

  private at(key: MinuteKey): MinuteAggregate {
    const id = minuteKeyString(key);
    let agg = this.byKey.get(id);
    if (!agg) {
      agg = MinuteAggregate.empty(key);
      this.byKey.set(id, agg);
    }
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
