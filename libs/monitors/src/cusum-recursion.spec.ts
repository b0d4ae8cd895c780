import { crossing, cusumStatistic, initialCusumState, leadingDirection, stepCusum, type CusumState } from './cusum-recursion';
import { seededGaussian } from './gaussian.test-helper';
import { siegmundArl } from './siegmund.test-helper';

/** Mean run length until `stop` says the chart signals, over `runs` zero-state runs of N(delta, 1). */
function meanRunLength(seed: number, runs: number, delta: number, k: number, stop: (s: CusumState) => boolean): number {
  const z = seededGaussian(seed);
  let total = 0;
  for (let r = 0; r < runs; r++) {
    let state = initialCusumState();
    let n = 0;
    do {
      state = stepCusum(state, delta + z(), n, k);
      n++;
    } while (!stop(state));
    total += n;
  }
  return total / runs;
}

describe('stepCusum', () => {
  it('follows the recursion on a hand-computed sequence (k = 0.5)', () => {
    // S+ = max(0, S+ + z - 0.5), S- = max(0, S- - z - 0.5), worked by hand:
    //  t   z     S+    start+   S-    start-
    //  1   1.2   0.7   1        0     -
    //  2  -0.3   0     -        0     -
    //  3   2.0   1.5   3        0     -
    //  4  -2.5   0     -        2.0   4
    //  5  -1.0   0     -        2.5   4
    //  6   0.4   0     -        1.6   4
    //  7  -1.6   0     -        2.7   4
    const zs = [1.2, -0.3, 2.0, -2.5, -1.0, 0.4, -1.6];
    const expected: [number, number | null, number, number | null][] = [
      [0.7, 1, 0, null], [0, null, 0, null], [1.5, 3, 0, null], [0, null, 2.0, 4], [0, null, 2.5, 4], [0, null, 1.6, 4], [0, null, 2.7, 4],
    ];
    let state = initialCusumState();
    zs.forEach((z, i) => {
      state = stepCusum(state, z, i + 1, 0.5);
      const [up, upStart, down, downStart] = expected[i];
      expect(state.up.statistic).toBeCloseTo(up, 12);
      expect(state.up.startMs).toBe(upStart);
      expect(state.down.statistic).toBeCloseTo(down, 12);
      expect(state.down.startMs).toBe(downStart);
      // With h = 2.6 only the last step crosses, downwards, with the change estimated at t = 4.
      expect(crossing(state, 2.6)).toBe(i === 6 ? 'down' : null);
    });
    expect(cusumStatistic(state)).toBeCloseTo(2.7, 12);
    expect(leadingDirection(state)).toBe('down');
    expect(leadingDirection(initialCusumState())).toBeNull();
  });

  it('does not change the state it is given', () => {
    const state = initialCusumState();
    stepCusum(state, 3, 1, 0.5);
    expect(state).toEqual(initialCusumState());
  });
});

describe('siegmundArl (the test oracle)', () => {
  it('reproduces published exact two-sided ARLs for k = 0.5 (Montgomery, Introduction to SQC, table of CUSUM ARLs)', () => {
    // h = 4: 168 in control, 8.38 at a 1 SD shift; h = 5: 465 and 10.4. Out of control the other side hardly signals.
    expect(siegmundArl(0, 0.5, 4) / 2).toBeCloseTo(168, -1);
    expect(siegmundArl(1, 0.5, 4) / 8.38).toBeCloseTo(1, 1);
    expect(Math.abs(siegmundArl(0, 0.5, 5) / 2 / 465 - 1)).toBeLessThan(0.02);
    expect(Math.abs(siegmundArl(1, 0.5, 5) / 10.4 - 1)).toBeLessThan(0.02);
  });
});

describe('run lengths against Siegmund (k = 0.5, h = 3)', () => {
  const k = 0.5;
  const h = 3;

  it('one-sided in-control ARL0 matches the approximation within 15%', () => {
    const expected = siegmundArl(0, k, h); // ~119
    const simulated = meanRunLength(11, 1500, 0, k, (s) => s.up.statistic > h);
    expect(Math.abs(simulated / expected - 1)).toBeLessThan(0.15);
  });

  it('two-sided in-control ARL0 is about half the one-sided (1/ARL = 1/ARL+ + 1/ARL-)', () => {
    const expected = siegmundArl(0, k, h) / 2;
    const simulated = meanRunLength(12, 2000, 0, k, (s) => cusumStatistic(s) > h);
    expect(Math.abs(simulated / expected - 1)).toBeLessThan(0.15);
  });

  it('detects a 1 SD shift after the approximated delay (upward on the up side, downward on the down side)', () => {
    const expected = siegmundArl(1, k, h); // ~6.4
    expect(Math.abs(meanRunLength(13, 3000, 1, k, (s) => s.up.statistic > h) / expected - 1)).toBeLessThan(0.1);
    expect(Math.abs(meanRunLength(14, 3000, -1, k, (s) => s.down.statistic > h) / expected - 1)).toBeLessThan(0.1);
  });

  it('with the default h = 8 a 1 SD shift takes about 16 observations', () => {
    const expected = siegmundArl(1, k, 8);
    expect(Math.abs(meanRunLength(15, 2000, 1, k, (s) => cusumStatistic(s) > 8) / expected - 1)).toBeLessThan(0.1);
  });
});

describe('change-point estimate', () => {
  /** Errors (estimated start - true change) of runs that signalled after a shift at t = 100. */
  function estimateErrors(seed: number, delta: number, h: number): number[] {
    const z = seededGaussian(seed);
    const errors: number[] = [];
    for (let r = 0; r < 800; r++) {
      let state = initialCusumState();
      let t = 0;
      for (; ; t++) {
        state = stepCusum(state, z() + (t >= 100 ? delta : 0), t, 0.5);
        if (crossing(state, h)) break;
      }
      if (t >= 100) errors.push(Math.abs((delta > 0 ? state.up.startMs! : state.down.startMs!) - 100));
    }
    return errors.sort((a, b) => a - b);
  }
  const quantile = (sorted: number[], p: number) => sorted[Math.floor(p * (sorted.length - 1))];

  it('is within a few observations of the true change, far closer than the alarm time (16 later for 1 SD)', () => {
    const oneSd = estimateErrors(21, -1, 8);
    expect(oneSd.length).toBeGreaterThan(700); // ARL0 at h = 8 is in the thousands: few runs alarm before the change
    expect(quantile(oneSd, 0.5)).toBeLessThanOrEqual(2);
    expect(quantile(oneSd, 0.9)).toBeLessThanOrEqual(8);
    const twoSd = estimateErrors(22, 2, 8);
    expect(quantile(twoSd, 0.5)).toBeLessThanOrEqual(1);
    expect(quantile(twoSd, 0.9)).toBeLessThanOrEqual(5);
  });
});
