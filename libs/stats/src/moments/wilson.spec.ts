import { wilsonInterval, Z_95 } from './wilson';
import { addTrial, emptyProportion, mergeProportions, summariseProportion } from './proportion';

describe('wilsonInterval', () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I, method 3.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('reproduces Newcombe (1998): %d/%d -> [%d, %d]', (k, n, low, high) => {
    const ci = wilsonInterval(k, n);
    expect(ci.low).toBeCloseTo(low, 4);
    expect(ci.high).toBeCloseTo(high, 4);
  });

  it('has endpoints solving (p_hat - p)^2 = z^2 p (1 - p) / n', () => {
    for (const [k, n] of [[3, 10], [50, 51], [7, 1000], [2.5, 4]]) {
      const { low, high } = wilsonInterval(k, n);
      const pHat = k / n;
      for (const p of [low, high]) expect((pHat - p) ** 2 - (Z_95 * Z_95 * p * (1 - p)) / n).toBeCloseTo(0, 12);
      expect(low).toBeLessThan(pHat);
      expect(high).toBeGreaterThan(pHat);
    }
  });

  it('is [0, 1] without trials and rejects impossible counts', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
  });
});

describe('Proportion', () => {
  it('counts trials, merges by addition and summarises with the Wilson interval', () => {
    const a = emptyProportion();
    const b = emptyProportion();
    [true, false, true].forEach((x) => addTrial(a, x));
    [false, false].forEach((x) => addTrial(b, x));
    const s = summariseProportion(mergeProportions(a, b));
    expect(s).toMatchObject({ n: 5, positive: 2, rate: 0.4, ...wilsonInterval(2, 5) });
    expect(summariseProportion(emptyProportion()).rate).toBeNaN();
  });
});
