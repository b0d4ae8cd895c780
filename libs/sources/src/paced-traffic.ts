import type { PrefEvent } from '@prefstream/events';
import { EventTimeQueue } from './event-time-queue';
import { generateSyntheticTraffic } from './synthetic-traffic';

export interface PacedTrafficOptions {
  /** Events per second once conversations have filled in (the first minute or two ramps up). */
  eventsPerSecond: number;
  /** Event time (ms since epoch) at which the first conversations start, usually now. */
  startMs: number;
  seed?: number;
  /** Prefix of every id; rounds add their own number, so ids never repeat. */
  idPrefix?: string;
  /** Conversations are planned in rounds covering this much event time. */
  roundMs?: number;
}

/**
 * Events per conversation of `generateSyntheticTraffic` with its defaults (7.85 measured over 20,000
 * conversations; the spec checks the resulting rate). A conversation's events spread over minutes of
 * event time (median 18 s, p90 61 s after its start), so the rate reaches ~90% after a minute.
 */
const SYNTHETIC_EVENTS_PER_CONVERSATION = 7.85;

/**
 * Live synthetic chat traffic at a steady rate, as clients would send it: conversations are planned a
 * round ahead, and `due(now)` hands out the events whose event time has come, in event-time order across
 * rounds, so nothing arrives late. For the local demo (`prefstream start`), soak and latency benchmarks.
 */
export class PacedSyntheticTraffic {
  private readonly pending = new EventTimeQueue();
  private plannedUntil: number;
  private round = 0;
  private readonly roundMs: number;

  constructor(private readonly options: PacedTrafficOptions) {
    if (!(options.eventsPerSecond > 0)) throw new RangeError(`eventsPerSecond must be positive, got ${options.eventsPerSecond}`);
    this.plannedUntil = options.startMs;
    this.roundMs = options.roundMs ?? 10_000;
  }

  /** Events with event time <= nowMs not handed out before, oldest first. */
  due(nowMs: number): PrefEvent[] {
    while (this.plannedUntil <= nowMs + this.roundMs) this.planRound();
    return this.pending.takeUntil(nowMs, true);
  }

  private planRound(): void {
    const conversations = Math.max(1, Math.round((this.options.eventsPerSecond * this.roundMs) / 1000 / SYNTHETIC_EVENTS_PER_CONVERSATION));
    const seed = (this.options.seed ?? 1) * 100_003 + this.round;
    const events = generateSyntheticTraffic({ conversations, seed, idPrefix: `${this.options.idPrefix ?? 'live'}${this.round}`, startMs: this.plannedUntil, conversationGapMs: this.roundMs / conversations });
    for (const event of events) this.pending.push(event);
    this.round++;
    this.plannedUntil += this.roundMs;
  }
}
