import { validateEvent } from '@prefstream/events';
import { PacedSyntheticTraffic } from './paced-traffic';

const START = Date.UTC(2026, 11, 2, 9, 0, 0);

/** Drives the traffic with a simulated clock, in steps, collecting what each step hands out. */
function drive(traffic: PacedSyntheticTraffic, untilMs: number, stepMs: number) {
  const steps: { now: number; events: ReturnType<PacedSyntheticTraffic['due']> }[] = [];
  for (let now = START; now <= untilMs; now += stepMs) steps.push({ now, events: traffic.due(now) });
  return steps;
}

describe('PacedSyntheticTraffic', () => {
  it('hands out nothing before the start, and nothing twice for the same moment', () => {
    const traffic = new PacedSyntheticTraffic({ eventsPerSecond: 100, startMs: START });
    expect(traffic.due(START - 1)).toEqual([]);
    const first = traffic.due(START + 5000);
    expect(first.length).toBeGreaterThan(0);
    expect(traffic.due(START + 5000)).toEqual([]);
  });

  it('releases valid events in event-time order, none before its time, ids never repeated', () => {
    const traffic = new PacedSyntheticTraffic({ eventsPerSecond: 200, startMs: START, seed: 3 });
    const steps = drive(traffic, START + 60_000, 250);
    const all = steps.flatMap((s) => s.events);
    for (const { now, events } of steps) for (const e of events) expect(Date.parse(e.ts)).toBeLessThanOrEqual(now);
    for (let i = 1; i < all.length; i++) expect(Date.parse(all[i].ts)).toBeGreaterThanOrEqual(Date.parse(all[i - 1].ts));
    expect(new Set(all.map((e) => e.event_id)).size).toBe(all.length);
    for (const e of all.slice(0, 500)) expect(validateEvent(e)).toMatchObject({ ok: true });
  });

  it('settles at the requested rate once conversations have filled in', () => {
    for (const rate of [50, 400]) {
      const traffic = new PacedSyntheticTraffic({ eventsPerSecond: rate, startMs: START, seed: 9 });
      traffic.due(START + 180_000); // ramp-up
      const steady = traffic.due(START + 480_000).length / 300;
      expect(steady).toBeGreaterThan(rate * 0.9);
      expect(steady).toBeLessThan(rate * 1.1);
    }
  });

  it('is deterministic for a seed', () => {
    const ids = (seed: number) => new PacedSyntheticTraffic({ eventsPerSecond: 100, startMs: START, seed }).due(START + 30_000).map((e) => e.event_id + e.ts);
    expect(ids(4)).toEqual(ids(4));
    expect(ids(4)).not.toEqual(ids(5));
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new PacedSyntheticTraffic({ eventsPerSecond: 0, startMs: START })).toThrow(/eventsPerSecond must be positive/);
  });
});
