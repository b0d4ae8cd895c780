import { summaryOf, type BatchSummary } from './batch-summary';
import { createMinuteSimulator } from './minute-simulator.test-helper';
import { siegmundArl } from './siegmund.test-helper';
import { StandardisedCusum, type CusumObservation, type StandardisedCusumOptions } from './standardised-cusum';

const MINUTE = 60_000;

/** Monitored minutes (after warm-up) until each alarm, over `runs` alarms of one long in-control stream. */
function runLengths(options: Partial<StandardisedCusumOptions>, runs: number, minute: () => BatchSummary): number[] {
  const detector = new StandardisedCusum(options);
  const lengths: number[] = [];
  let monitored = 0;
  for (let t = 0; lengths.length < runs; t++) {
    const o = detector.observe(minute(), t * MINUTE);
    if (!o.warmingUp) monitored++;
    if (o.alarm) {
      lengths.push(monitored);
      monitored = 0;
    }
  }
  return lengths;
}
const average = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;

describe('StandardisedCusum', () => {
  it('follows a hand-computed sequence: baseline, standardisation with tau^2, skipped minute, alarm and change point', () => {
    const d = new StandardisedCusum({ baselineMinutes: 3, minCount: 2, k: 0.5, h: 4, zLimit: null });
    // Warm-up [1,3], [5,7], [3,5]: mu0 = 4; within SS 2 + 2 + 2 over N - M = 3 -> sigma0^2 = 2;
    // between SS 2*4 + 2*4 + 0 = 16, N - sum n^2 / N = 6 - 12/6 = 4 -> tau^2 = (16 - 2 * 2) / 4 = 3.
    for (const [i, xs] of [[1, 3], [5, 7], [3, 5]].entries()) expect(d.observe(summaryOf(xs), i * MINUTE)).toMatchObject({ warmingUp: true, z: null, alarm: null });
    expect(d.baseline).toMatchObject({ mean: 4, variance: 2, tau2: 3 });
    const steps: [number[], number, Partial<CusumObservation>][] = [
      // mean 6, n 2: z = 2 / sqrt(2/2 + 3) = 1 -> S+ = 0.5
      [[5, 7], 3, { z: 1, up: 0.5, down: 0, direction: 'up' }],
      // a single unit: below minCount, skipped, nothing changes
      [[1], 4, { skipped: true, z: null, up: 0.5, down: 0 }],
      // mean 2, n 4: z = -2 / sqrt(0.5 + 3) = -1.069045 -> S+ = 0, S- = 0.569045
      [[0, 2, 4, 2], 5, { z: -2 / Math.sqrt(3.5), up: 0, down: 2 / Math.sqrt(3.5) - 0.5, direction: 'down' }],
      // mean 9, n 2: z = 5 / 2 = 2.5 -> S+ = 2.0 (leaves 0 here, t = 6), S- = 0
      [[8, 10], 6, { z: 2.5, up: 2, down: 0 }],
    ];
    for (const [xs, t, expected] of steps) {
      const o = d.observe(summaryOf(xs), t * MINUTE);
      for (const [key, value] of Object.entries(expected)) {
        if (typeof value === 'number') expect(o[key as keyof CusumObservation]).toBeCloseTo(value, 12);
        else expect(o[key as keyof CusumObservation]).toEqual(value);
      }
      expect(o.alarm).toBeNull();
    }
    // mean 9, n 4: z = 5 / sqrt(3.5) = 2.672612 -> S+ = 2 + 2.172612 = 4.172612 > 4: alarm up, started at t = 6.
    const alarm = d.observe(summaryOf([8, 10, 9, 9]), 7 * MINUTE);
    expect(alarm.statistic).toBeCloseTo(2 + 5 / Math.sqrt(3.5) - 0.5, 12);
    expect(alarm.alarm).toMatchObject({ direction: 'up', threshold: 4, changeStartMs: 6 * MINUTE, baselineMean: 4, meanSinceChange: 9, minutesSinceChange: 2 });
    expect(alarm.alarm!.statistic).toBeCloseTo(alarm.statistic, 12);
    // Re-baselined: the next minutes are warm-up again.
    expect(d.warmingUp).toBe(true);
    expect(d.observe(summaryOf([9, 9]), 8 * MINUTE)).toMatchObject({ warmingUp: true, statistic: 0, baselineMean: null });
  });

  it('keeps the nominal in-control ARL on overdispersed data, where a tau-less chart alarms about four times as often', () => {
    // n = 100 units of sd 1 per minute plus a minute effect of variance tau^2 = sigma^2 / n: the minute mean's variance doubles.
    const sim = createMinuteSimulator(31);
    const overdispersed = () => sim.meanMinute(100, 0.1 * sim.normal(), 1);
    const h = 3;
    const withTau = average(runLengths({ baselineMinutes: 500, h, zLimit: null }, 300, overdispersed));
    expect(Math.abs(withTau / (siegmundArl(0, 0.5, h) / 2) - 1)).toBeLessThan(0.2); // ~59
    // Without tau^2, z has variance 2: the chart is a standard one with k / sqrt 2 and h / sqrt 2.
    const tauLess = average(runLengths({ baselineMinutes: 500, h, zLimit: null, overdispersion: false }, 300, overdispersed));
    expect(Math.abs(tauLess / (siegmundArl(0, 0.5 / Math.SQRT2, h / Math.SQRT2) / 2) - 1)).toBeLessThan(0.2); // ~14
    expect(tauLess).toBeLessThan(0.35 * withTau);
  });

  it('detects a shift of one minute-SD after Siegmund\'s delay and dates its start near the true change', () => {
    const sim = createMinuteSimulator(32);
    const delays: number[] = [];
    const startErrors: number[] = [];
    for (let run = 0; run < 300; run++) {
      const d = new StandardisedCusum({ baselineMinutes: 200 });
      let t = 0;
      for (; d.warmingUp; t++) d.observe(sim.meanMinute(50, 2, 0.5), t * MINUTE);
      const change = t;
      const shifted = 2 - 0.5 / Math.sqrt(50); // one SD of the minute mean, downwards
      for (;; t++) {
        const alarm = d.observe(sim.meanMinute(50, shifted, 0.5), t * MINUTE).alarm;
        if (alarm) {
          expect(alarm.direction).toBe('down');
          delays.push(t - change + 1);
          startErrors.push(Math.abs(alarm.changeStartMs / MINUTE - change));
          break;
        }
      }
    }
    expect(Math.abs(average(delays) / siegmundArl(1, 0.5, 8) - 1)).toBeLessThan(0.15); // ~16.3
    startErrors.sort((a, b) => a - b);
    expect(startErrors[Math.floor(startErrors.length / 2)]).toBeLessThanOrEqual(2);
  });

  it('monitors a proportion through sum = sumsq: binomial baseline, a rise alarms up, dated at the change', () => {
    const sim = createMinuteSimulator(33);
    const d = new StandardisedCusum({ proportion: true });
    let t = 0;
    for (; d.warmingUp; t++) d.observe(sim.proportionMinute(200, 0.2), t * MINUTE);
    expect(d.baseline!.mean).toBeCloseTo(0.2, 1);
    expect(Math.abs(d.baseline!.variance / 0.16 - 1)).toBeLessThan(0.05); // p(1 - p)
    for (let i = 0; i < 30; i++, t++) expect(d.observe(sim.proportionMinute(200, 0.2), t * MINUTE).alarm).toBeNull();
    const change = t;
    let alarm = null;
    for (; alarm === null; t++) alarm = d.observe(sim.proportionMinute(200, 0.3), t * MINUTE).alarm;
    // A rise of 0.1 is 3.5 minute-SDs (sqrt(0.16 / 200) = 0.028): a few minutes.
    expect(t - change).toBeLessThanOrEqual(6);
    expect(alarm).toMatchObject({ direction: 'up' });
    expect(Math.abs(alarm.changeStartMs / MINUTE - change)).toBeLessThanOrEqual(1);
    expect(alarm.meanSinceChange).toBeGreaterThan(0.25);
  });

  it('continues identically after toJSON / fromJSON through JSON text, mid warm-up and mid monitoring', () => {
    const sim = createMinuteSimulator(34);
    const minutes = Array.from({ length: 400 }, (_, i) => sim.meanMinute(20 + (i % 30), i > 250 ? 1.2 : 1, 1));
    for (const checkpointAt of [30, 150, 260]) {
      const original = new StandardisedCusum({ baselineMinutes: 40, h: 4 });
      minutes.slice(0, checkpointAt).forEach((m, i) => original.observe(m, i * MINUTE));
      const restored = StandardisedCusum.fromJSON(JSON.parse(JSON.stringify(original.toJSON())));
      expect(restored.toJSON()).toEqual(original.toJSON());
      const rest = minutes.slice(checkpointAt);
      const a = rest.map((m, i) => original.observe(m, (checkpointAt + i) * MINUTE));
      const b = rest.map((m, i) => restored.observe(m, (checkpointAt + i) * MINUTE));
      expect(b).toEqual(a);
      expect(a.some((o) => o.alarm)).toBe(true); // the continuation covers an alarm and a re-baseline
    }
  });

  it('skips minutes below minCount (or not finite): they neither warm up nor move the statistic', () => {
    const d = new StandardisedCusum({ baselineMinutes: 3, minCount: 20 });
    const small = { count: 19, sum: 1900, sumsq: 190000 };
    for (let i = 0; i < 3; i++) {
      expect(d.observe(small, i * MINUTE)).toMatchObject({ skipped: true, warmingUp: true });
      d.observe({ count: 20, sum: 20 + i, sumsq: 40 + 4 * i }, (i + 0.5) * MINUTE);
    }
    expect(d.warmingUp).toBe(false);
    const before = d.toJSON();
    expect(d.observe(small, 10 * MINUTE)).toMatchObject({ skipped: true, warmingUp: false, z: null });
    expect(d.observe({ count: 30, sum: NaN, sumsq: 1 }, 11 * MINUTE)).toMatchObject({ skipped: true });
    expect(d.toJSON()).toEqual(before);
  });

  it('makes a persistent new level the new normal: one alarm, a fresh warm-up at that level, then quiet', () => {
    const sim = createMinuteSimulator(35);
    const d = new StandardisedCusum();
    const alarms: number[] = [];
    // 400 minutes: the alarm, 60 of warm-up at the new level and ~140 monitored (in-control ARL ~6,000 at h = 8).
    for (let t = 0; t < 400; t++) if (d.observe(sim.meanMinute(40, t < 200 ? 0.3 : 0.1, 0.4), t * MINUTE).alarm) alarms.push(t);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toBeGreaterThanOrEqual(200);
    expect(alarms[0]).toBeLessThan(210); // a drop of 0.2 is 3.2 minute-SDs (0.4 / sqrt 40 = 0.063)
    expect(d.baseline!.mean).toBeCloseTo(0.1, 1);
  });

  it('keeps z finite for a metric that was constant during the warm-up, and alarms when it moves', () => {
    const d = new StandardisedCusum({ baselineMinutes: 5 });
    for (let t = 0; t < 5; t++) d.observe({ count: 50, sum: 0, sumsq: 0 }, t * MINUTE);
    const same = d.observe({ count: 50, sum: 0, sumsq: 0 }, 5 * MINUTE);
    expect(same).toMatchObject({ z: 0, statistic: 0 });
    let t = 6;
    let o = d.observe({ count: 50, sum: 5, sumsq: 5 }, t * MINUTE);
    expect(Number.isFinite(o.z)).toBe(true);
    expect(o.z).toBe(4); // clipped at zLimit
    while (!o.alarm) o = d.observe({ count: 50, sum: 5, sumsq: 5 }, ++t * MINUTE);
    expect(o.alarm).toMatchObject({ direction: 'up', changeStartMs: 6 * MINUTE });
  });

  it('takes the defaults for options not given (or given as undefined) and rejects options that cannot work', () => {
    expect(new StandardisedCusum({ h: undefined, k: 0.25 }).options).toEqual({ baselineMinutes: 60, minCount: 20, k: 0.25, h: 8, varianceFloor: 1e-9, proportion: false, overdispersion: true, zLimit: 4 });
    expect(() => new StandardisedCusum({ baselineMinutes: 1 })).toThrow(RangeError);
    expect(() => new StandardisedCusum({ h: 0 })).toThrow(RangeError);
    expect(() => new StandardisedCusum({ zLimit: 0.5 })).toThrow(RangeError);
    expect(() => StandardisedCusum.fromJSON({ ...new StandardisedCusum().toJSON(), version: 2 as 1 })).toThrow(RangeError);
  });
});
