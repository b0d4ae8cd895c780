import { gradientDescentLogistic } from '../../test/gradient-descent-logistic';
import { choleskyInPlace, choleskyInverse } from '../linalg/cholesky';
import { sampleNormal } from '../random/gamma';
import { createPrng } from '../random/prng';
import { GLOBAL_SEGMENT, INTERCEPT, PreferenceEffects, type EffectObservation, type EffectsRow } from './preference-effects';
import { standardise } from './standardise';

const M = 60_000;
const FEATURES = ['length', 'refusal', 'bold'];

/** Minutes of observations: vote rows have antisymmetric diffs, thumbs rows plain features. */
function simulate(target: 'vote' | 'thumbs', minutes: number, perMinute: number, seed: number): EffectObservation[] {
  const rng = createPrng(seed);
  const out: EffectObservation[] = [];
  for (let minute = 0; minute < minutes; minute++) {
    for (let k = 0; k < perMinute; k++) {
      const user = `user:u${Math.floor(rng.next() * 12)}`;
      const tenant = rng.next() < 0.6 ? 'tenant:a' : 'tenant:b';
      const values = target === 'vote'
        ? { length: 0.4 * sampleNormal(rng), refusal: rng.next() < 0.2 ? (rng.next() < 0.5 ? 1 : -1) : 0, bold: 0.2 * sampleNormal(rng) }
        : { length: Math.exp(5 + sampleNormal(rng)), refusal: rng.next() < 0.15 ? 1 : 0, bold: Math.floor(rng.next() * 4) };
      // Users like length and dislike refusals; tenant b dislikes refusals more.
      const eta = target === 'vote'
        ? 1.2 * values.length - (tenant === 'tenant:b' ? 2 : 1) * values.refusal
        : -0.2 + 0.002 * (values.length - 150) - 1.5 * values.refusal;
      const p = 1 / (1 + Math.exp(-eta));
      const outcome = target === 'vote' && rng.next() < 0.1 ? 0.5 : rng.next() < p ? 1 : 0;
      out.push({ minute: minute * M, segments: [tenant, user], values, outcome });
    }
  }
  return out;
}

/** Independent batch fit of one segment's rows: own scaling, gradient descent, own Fisher information. */
function batchFit(rows: EffectObservation[], target: 'vote' | 'thumbs', penalty: number): Record<string, { coef: number; se: number }> {
  const intercept = target === 'thumbs';
  const raw = rows.map((o) => FEATURES.map((f) => o.values[f] ?? 0));
  const n = raw.length;
  const centre = FEATURES.map((_, k) => (intercept ? raw.reduce((s, r) => s + r[k], 0) / n : 0));
  const scale = FEATURES.map((_, k) => Math.sqrt(raw.reduce((s, r) => s + (r[k] - centre[k]) ** 2, 0) / n));
  const design = raw.map((r, i) => ({ x: [...(intercept ? [1] : []), ...r.map((v, k) => (v - centre[k]) / scale[k])], y: rows[i].outcome }));
  const theta = gradientDescentLogistic(design, { penalty, firstPenalised: intercept ? 1 : 0 });
  const p = theta.length;
  const info = new Float64Array(p * p);
  for (const { x } of design) {
    const q = 1 / (1 + Math.exp(-x.reduce((s, v, k) => s + v * theta[k], 0)));
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) info[a * p + b] += q * (1 - q) * x[a] * x[b];
  }
  for (let a = intercept ? 1 : 0; a < p; a++) info[a * p + a] += penalty;
  choleskyInPlace(info, p);
  const inverse = choleskyInverse(info, p);
  const names = [...(intercept ? [INTERCEPT] : []), ...FEATURES];
  return Object.fromEntries(names.map((name, k) => [name, { coef: theta[k], se: Math.sqrt(inverse[k * p + k]) }]));
}

function expectMatchesBatch(table: EffectsRow[], segment: string, rows: EffectObservation[], target: 'vote' | 'thumbs', penalty: number): number {
  const reference = batchFit(rows, target, penalty);
  const mine = table.filter((r) => r.segment === segment);
  expect(mine.map((r) => r.feature).sort()).toEqual(Object.keys(reference).sort());
  let worst = 0;
  for (const r of mine) {
    expect(r.n).toBe(rows.length);
    worst = Math.max(worst, Math.abs(r.coef - reference[r.feature].coef));
    expect(Math.abs(r.coef - reference[r.feature].coef)).toBeLessThan(1e-6);
    expect(Math.abs(r.se - reference[r.feature].se)).toBeLessThan(1e-6);
  }
  return worst;
}

describe('PreferenceEffects', () => {
  it('vote target, cumulative: refitting warm every minute ends at the batch fit of each segment (1e-6)', () => {
    const stream = simulate('vote', 12, 120, 1);
    const effects = new PreferenceEffects({ target: 'vote', features: FEATURES, window: { kind: 'cumulative' }, minRows: 60, segmentPenalty: 0.5 });
    let minute = 0;
    for (const o of stream) {
      if (o.minute !== minute) {
        effects.refit();
        minute = o.minute;
      }
      effects.add(o);
    }
    const table = effects.refit();
    const worst = [
      expectMatchesBatch(table, GLOBAL_SEGMENT, stream, 'vote', 0),
      expectMatchesBatch(table, 'tenant:b', stream.filter((o) => o.segments!.includes('tenant:b')), 'vote', 0.5),
      expectMatchesBatch(table, 'user:u3', stream.filter((o) => o.segments!.includes('user:u3')), 'vote', 0.5),
    ];
    console.log(`effects (vote, cumulative): ${effects.segmentCount} segments, max |streamed - batch| coef ${Math.max(...worst).toExponential(2)}`);
    const refusal = (segment: string) => table.find((r) => r.segment === segment && r.feature === 'refusal')!;
    expect(refusal(GLOBAL_SEGMENT).ci_high).toBeLessThan(0); // refusals are voted against
    expect(refusal('tenant:b').coef).toBeLessThan(refusal('tenant:a').coef);
    expect(table.find((r) => r.segment === GLOBAL_SEGMENT && r.feature === 'length')!.ci_low).toBeGreaterThan(0);
  });

  it('thumbs target, sliding 5 minutes: the streamed table equals the batch fit of the last 5 minutes (1e-6)', () => {
    const stream = simulate('thumbs', 20, 80, 2);
    const effects = new PreferenceEffects({ target: 'thumbs', features: FEATURES, window: { kind: 'sliding', minutes: 5 }, minRows: 40 });
    let minute = 0;
    for (const o of stream) {
      if (o.minute !== minute) {
        effects.refit();
        minute = o.minute;
      }
      effects.add(o);
    }
    const table = effects.refit();
    const inWindow = stream.filter((o) => o.minute >= 15 * M);
    expectMatchesBatch(table, GLOBAL_SEGMENT, inWindow, 'thumbs', 0);
    expectMatchesBatch(table, 'tenant:a', inWindow.filter((o) => o.segments!.includes('tenant:a')), 'thumbs', 1);
    // Users below minRows in the window are not fitted.
    for (const r of table.filter((x) => x.segment.startsWith('user:'))) expect(r.n).toBeGreaterThanOrEqual(40);
    const snapshot = effects.snapshot(123);
    expect(snapshot[0]).toMatchObject({ computed_at: 123, target: 'thumbs', segment: GLOBAL_SEGMENT, window: 'sliding:5m', feature: INTERCEPT });
  });

  it('bounds the number of segments, dropping the least recently updated but never global', () => {
    const effects = new PreferenceEffects({ target: 'vote', features: ['length'], window: { kind: 'cumulative' }, maxSegments: 3, minRows: 1 });
    for (let u = 0; u < 10; u++) effects.add({ minute: 0, segments: [`user:${u}`], values: { length: u % 2 ? 1 : -1 }, outcome: u % 3 ? 1 : 0 });
    expect(effects.segmentCount).toBe(3);
    expect(effects.refit().map((r) => r.segment)).toEqual([GLOBAL_SEGMENT, 'user:8', 'user:9']);
  });

  it('drops a column with no information instead of failing: all zero (pairwise) or constant (thumbs)', () => {
    // Pairwise columns are not centred: a constant non-zero difference still carries a direction, only zeros are empty.
    const pairwise = standardise(Float64Array.from([0, 2, 1, 0, 3, 0, 0, -1, 1]), 2, false);
    expect(pairwise.kept).toEqual([1]);
    expect(Array.from(pairwise.scale)).toEqual([0, Math.sqrt(14 / 3)]);
    const kept = standardise(Float64Array.from([1, 2, 1, 1, 3, 0, 1, -1, 1]), 2, false);
    expect(kept.kept).toEqual([0, 1]);
    const thumbs = standardise(Float64Array.from([1, 2, 1, 1, 3, 0, 1, -1, 1]), 2, true);
    expect(thumbs.kept).toEqual([1]);
    expect(Array.from(thumbs.centre)).toEqual([1, 4 / 3]);
  });
});
