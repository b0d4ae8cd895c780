import { addToBaseline, emptyBaseline, estimateBaseline, type BaselineAccumulator, type BaselineOptions } from './baseline-estimate';
import { summaryOf } from './batch-summary';
import { seededGaussian } from './gaussian.test-helper';
import { createMinuteSimulator } from './minute-simulator.test-helper';

const OPTIONS: BaselineOptions = { varianceFloor: 1e-12, proportion: false, overdispersion: true };
const accumulate = (minutes: Parameters<typeof addToBaseline>[1][]): BaselineAccumulator => minutes.reduce(addToBaseline, emptyBaseline());

/** Textbook one-way ANOVA on the raw values, two passes: the independent recomputation. */
function anova(groups: number[][]) {
  const all = groups.flat();
  const N = all.length;
  const M = groups.length;
  const grand = all.reduce((a, x) => a + x, 0) / N;
  const means = groups.map((g) => g.reduce((a, x) => a + x, 0) / g.length);
  const within = groups.reduce((a, g, i) => a + g.reduce((b, x) => b + (x - means[i]) ** 2, 0), 0);
  const between = groups.reduce((a, g, i) => a + g.length * (means[i] - grand) ** 2, 0);
  const sigma2 = within / (N - M);
  const n0 = N - groups.reduce((a, g) => a + g.length ** 2, 0) / N;
  return { grand, sigma2, tau2: Math.max(0, (between - (M - 1) * sigma2) / n0) };
}

describe('baseline estimate', () => {
  it('equals the one-way ANOVA of the raw values (mean, pooled within variance, tau^2)', () => {
    const z = seededGaussian(1);
    const groups = [12, 30, 7, 55, 21, 9].map((n, i) => Array.from({ length: n }, () => 3 + 0.8 * (i % 3) + z()));
    const b = estimateBaseline(accumulate(groups.map(summaryOf)), OPTIONS);
    const expected = anova(groups);
    expect(b.mean).toBeCloseTo(expected.grand, 10);
    expect(b.variance).toBeCloseTo(expected.sigma2, 10);
    expect(b.tau2).toBeCloseTo(expected.tau2, 10);
    expect(b.tau2).toBeGreaterThan(0.1); // the group offsets (0, 0.8, 1.6) are real overdispersion
    expect(b).toMatchObject({ minutes: 6, units: 134 });
  });

  it('recovers tau^2 from simulated overdispersed minutes of varying size', () => {
    const sim = createMinuteSimulator(2);
    const tau = 0.1;
    const minutes = Array.from({ length: 6000 }, () => sim.meanMinute(20 + Math.floor(sim.uniform() * 180), 0.4 + tau * sim.normal(), 1));
    const b = estimateBaseline(accumulate(minutes), OPTIONS);
    expect(b.tau2 / (tau * tau)).toBeGreaterThan(0.85);
    expect(b.tau2 / (tau * tau)).toBeLessThan(1.15);
    expect(b.variance).toBeCloseTo(1, 6); // the simulator sets the within spread at its expectation
    expect(b.mean).toBeCloseTo(0.4, 2);
  });

  it('finds (almost) no overdispersion where there is none, and none at all when told not to look', () => {
    const sim = createMinuteSimulator(3);
    const minutes = Array.from({ length: 2000 }, () => sim.meanMinute(100, 0, 1));
    const b = estimateBaseline(accumulate(minutes), OPTIONS);
    // sigma^2 / n = 0.01; the estimate's sampling error is about 0.01 * sqrt(2 / 2000) = 3e-4.
    expect(b.tau2).toBeLessThan(1.2e-3);
    expect(estimateBaseline(accumulate(minutes), { ...OPTIONS, overdispersion: false }).tau2).toBe(0);
  });

  it('floors the variance of a constant metric, and of a proportion without events at the Jeffreys-like p(1 - p)', () => {
    const constant = accumulate([summaryOf([2, 2, 2]), summaryOf([2, 2])]);
    expect(estimateBaseline(constant, { ...OPTIONS, varianceFloor: 1e-6 })).toMatchObject({ mean: 2, variance: 1e-6, tau2: 0 });
    const noEvents = accumulate([{ count: 40, sum: 0, sumsq: 0 }, { count: 60, sum: 0, sumsq: 0 }]);
    const p = 0.5 / 101;
    expect(estimateBaseline(noEvents, { ...OPTIONS, proportion: true }).variance).toBeCloseTo(p * (1 - p), 15);
  });

  it('pools a proportion to the binomial variance p(1 - p) (closed form) when sumsq = sum', () => {
    const sim = createMinuteSimulator(4);
    const b = estimateBaseline(accumulate(Array.from({ length: 500 }, () => sim.proportionMinute(200, 0.2))), { ...OPTIONS, proportion: true });
    expect(b.mean).toBeCloseTo(0.2, 2);
    expect(b.variance).toBeCloseTo(0.16, 2);
    expect(b.tau2).toBeLessThan(2e-4); // binomial minutes are not overdispersed: sigma^2 / n = 8e-4
  });

  it('is plain data that survives JSON exactly, and leaves its input unchanged', () => {
    const acc = accumulate([summaryOf([0.1, 0.7, 1 / 3]), summaryOf([5, 6])]);
    expect(JSON.parse(JSON.stringify(acc))).toEqual(acc);
    const copy = { ...acc };
    addToBaseline(acc, summaryOf([1, 2]));
    expect(acc).toEqual(copy);
    expect(() => addToBaseline(acc, { count: 0, sum: 0, sumsq: 0 })).toThrow(RangeError);
    expect(() => estimateBaseline(emptyBaseline(), OPTIONS)).toThrow(RangeError);
  });
});
