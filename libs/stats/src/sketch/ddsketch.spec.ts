import fc from 'fast-check';
import { createPrng } from '../random/prng';
import { sampleGamma, sampleNormal } from '../random/gamma';
import { DDSketch } from './ddsketch';

const QUANTILES = [0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1];
const exactQuantile = (sorted: number[], q: number) => sorted[Math.floor(q * (sorted.length - 1))];
const sketchOf = (xs: number[], alpha = 0.01, maxBins = 2048) => {
  const s = new DDSketch(alpha, maxBins);
  xs.forEach((x) => s.add(x));
  return s;
};

describe('DDSketch', () => {
  it.each([
    ['log-normal latencies (ms)', (r: ReturnType<typeof createPrng>) => Math.exp(5 + 1.2 * sampleNormal(r))],
    ['gamma lengths with zeros', (r: ReturnType<typeof createPrng>) => (r.next() < 0.05 ? 0 : Math.round(sampleGamma(r, 1.5) * 200))],
    ['signed heavy tails', (r: ReturnType<typeof createPrng>) => sampleNormal(r) / Math.max(1e-3, r.next())],
  ])('keeps every quantile within alpha (relative) of the exact one: %s', (_name, draw) => {
    for (const alpha of [0.01, 0.05]) {
      const rng = createPrng(17);
      const xs = Array.from({ length: 50_000 }, () => draw(rng));
      const sketch = sketchOf(xs, alpha);
      const sorted = [...xs].sort((a, b) => a - b);
      for (const q of QUANTILES) {
        const exact = exactQuantile(sorted, q);
        expect(Math.abs(sketch.quantile(q) - exact)).toBeLessThanOrEqual(alpha * Math.abs(exact) * (1 + 1e-12));
      }
    }
  });

  it('merge(sketch(a), sketch(b)) has exactly the bucket counts of sketch(a ++ b)', () => {
    const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(0), fc.integer({ min: 0, max: 5000 }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 80 }), fc.array(value, { maxLength: 80 }), fc.constantFrom(2048, 8), (a, b, maxBins) => {
        const merged = sketchOf(a, 0.02, maxBins).merge(sketchOf(b, 0.02, maxBins)).toJSON();
        const whole = sketchOf([...a, ...b], 0.02, maxBins).toJSON();
        expect(merged.positive).toEqual(whole.positive);
        expect(merged.negative).toEqual(whole.negative);
        expect([merged.count, merged.zeroCount, merged.min, merged.max]).toEqual([whole.count, whole.zeroCount, whole.min, whole.max]);
        expect(Math.abs(merged.sum - whole.sum)).toBeLessThanOrEqual(1e-9 * Math.max(1, [...a, ...b].reduce((s, x) => s + Math.abs(x), 0)));
      }),
    );
  });

  it('treats -0 as 0, so min and max do not depend on the order of the zeros (fast-check seed 1221952688: [0] merged with [-0])', () => {
    for (const s of [sketchOf([0]).merge(sketchOf([-0])), sketchOf([-0, 0]), sketchOf([0, -0]), sketchOf([-0])]) {
      expect([Object.is(s.min, 0), Object.is(s.max, 0), s.toJSON().zeroCount]).toEqual([true, true, s.count]);
    }
  });

  it('bounds memory to maxBins buckets per sign, folding the smallest values into the lowest kept bucket', () => {
    const s = sketchOf(Array.from({ length: 10_000 }, (_, i) => 1.01 ** i), 0.01, 64);
    expect(Object.keys(s.toJSON().positive)).toHaveLength(64);
    expect(s.count).toBe(10_000);
    // The top of the distribution is still within alpha.
    expect(Math.abs(s.quantile(0.999) / 1.01 ** 9989 - 1)).toBeLessThanOrEqual(0.01);
  });

  it('round-trips through JSON and keeps answering the same', () => {
    const s = sketchOf([3, 0, -2, 150, 150, 7.5]);
    const back = DDSketch.fromJSON(JSON.parse(JSON.stringify(s.toJSON())));
    expect(back.toJSON()).toEqual(s.toJSON());
    expect(QUANTILES.map((q) => back.quantile(q))).toEqual(QUANTILES.map((q) => s.quantile(q)));
    const empty = DDSketch.fromJSON(JSON.parse(JSON.stringify(new DDSketch().toJSON())));
    expect(empty.quantile(0.5)).toBeNaN();
    empty.add(4);
    expect(empty.min).toBe(4);
  });

  it('rejects merges across accuracies and non-finite values', () => {
    expect(() => new DDSketch(0.01).merge(new DDSketch(0.02))).toThrow(RangeError);
    expect(() => new DDSketch().add(Infinity)).toThrow(RangeError);
  });
});
