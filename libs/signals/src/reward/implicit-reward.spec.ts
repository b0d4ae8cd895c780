import fc from 'fast-check';
import { SIGNAL_KIND_NAMES, SIGNAL_KINDS } from '../signal-kinds';
import { implicitReward } from './implicit-reward';
import { DEFAULT_REWARD_CONFIG } from './reward-config';

const signalsArbitrary = fc.dictionary(fc.constantFrom(...SIGNAL_KIND_NAMES), fc.double({ min: 0, max: 120, noNaN: true }));

describe('implicitReward (hand weights)', () => {
  it('is 0 without evidence, and always within [-1, 1]', () => {
    expect(implicitReward({}, DEFAULT_REWARD_CONFIG)).toBe(0);
    fc.assert(fc.property(signalsArbitrary, (signals) => Math.abs(implicitReward(signals, DEFAULT_REWARD_CONFIG)) <= 1), { numRuns: 1000, seed: 1 });
  });

  it('moves down with any added negative evidence and up with any added positive evidence', () => {
    fc.assert(
      fc.property(signalsArbitrary, fc.constantFrom(...SIGNAL_KIND_NAMES), (signals, kind) => {
        const { polarity } = SIGNAL_KINDS[kind];
        if (polarity === 0 || (signals[kind] ?? 0) >= 1) return;
        const before = implicitReward(signals, DEFAULT_REWARD_CONFIG);
        const after = implicitReward({ ...signals, [kind]: 1 }, DEFAULT_REWARD_CONFIG);
        expect(Math.sign(after - before) * polarity).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 1000, seed: 2 },
    );
  });

  it('weights weak evidence as weak: abandonment alone stays small, a regeneration alone is strong', () => {
    expect(implicitReward({ abandon: 1 }, DEFAULT_REWARD_CONFIG)).toBeCloseTo(-0.1 / 0.6, 12);
    expect(implicitReward({ regenerate: 1 }, DEFAULT_REWARD_CONFIG)).toBeCloseTo(-1 / 1.5, 12);
    expect(implicitReward({ dwell: 300 }, DEFAULT_REWARD_CONFIG)).toBe(0); // dwell has no direction by hand
  });

  it('uses calibrated coefficients when configured: tanh of half the linear score, intercept left out', () => {
    const config = { mode: 'calibrated' as const, coefficients: { copy: 2, regenerate: -3 }, intercept: 5 };
    expect(implicitReward({}, config)).toBe(0);
    expect(implicitReward({ copy: 0.5 }, config)).toBeCloseTo(Math.tanh(0.5), 12);
    expect(implicitReward({ copy: 1, regenerate: 1 }, config)).toBeCloseTo(Math.tanh(-0.5), 12);
  });
});
