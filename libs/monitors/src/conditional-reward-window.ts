import { addSummaries, emptySummary, type BatchSummary } from './batch-summary';
import type { MonitorMinute } from './monitor-minute';

/**
 * The implicit reward of groups of responses (reward_by keys such as 'toxic' and 'non_toxic') over a
 * sliding window of the last `windowMinutes` closed minutes of one model version. A minute is in the
 * window when it is within windowMinutes of the newest minute added (so gaps without traffic age out
 * too). Holds one small summary per minute and group: at most windowMinutes entries.
 */
export class ConditionalRewardWindow {
  private readonly minutes: { minuteMs: number; groups: Record<string, BatchSummary> }[] = [];

  constructor(
    private readonly windowMinutes: number,
    private readonly keys: readonly string[],
  ) {
    if (!(Number.isInteger(windowMinutes) && windowMinutes > 0)) throw new RangeError(`windowMinutes must be a positive integer, got ${windowMinutes}`);
  }

  /** The newest minute added, -Infinity before any. */
  get lastMinuteMs(): number {
    return this.minutes.length === 0 ? -Infinity : this.minutes[this.minutes.length - 1].minuteMs;
  }

  /** Adds a minute newer than every minute added so far (older ones are the caller's to drop). */
  add(minute: MonitorMinute): void {
    if (minute.minute_ms <= this.lastMinuteMs) throw new RangeError(`minute ${minute.minute_ms} is not after ${this.lastMinuteMs}`);
    const groups: Record<string, BatchSummary> = {};
    for (const key of this.keys) {
      const count = minute.reward_by_counts[key] ?? 0;
      groups[key] = count > 0 ? { count, sum: minute.reward_by_sums[key] ?? 0, sumsq: minute.reward_by_sumsqs[key] ?? 0 } : emptySummary();
    }
    this.minutes.push({ minuteMs: minute.minute_ms, groups });
    const oldest = minute.minute_ms - (this.windowMinutes - 1) * 60_000;
    while (this.minutes[0].minuteMs < oldest) this.minutes.shift();
  }

  /** The group's summary over the window. */
  total(key: string): BatchSummary {
    return this.minutes.reduce((acc, m) => addSummaries(acc, m.groups[key] ?? emptySummary()), emptySummary());
  }
}
