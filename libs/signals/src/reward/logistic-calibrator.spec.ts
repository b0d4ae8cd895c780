import { OnlineLogisticCalibrator } from './logistic-calibrator';
import { rewardConfigFromRows, rewardWeightRows } from './reward-weight-rows';
import { rocAuc } from './roc-auc';

/** Simulated labelled responses from a known logistic model of thumbs up. */
function simulate(n: number, seed: number) {
  let s = seed;
  const random = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
  return Array.from({ length: n }, () => {
    const signals: Record<string, number> = {};
    if (random() < 0.3) signals.copy = random();
    if (random() < 0.2) signals.regenerate = 1;
    if (random() < 0.3) signals.abandon = 1;
    const z = -0.2 + 2.5 * (signals.copy ?? 0) - 3 * (signals.regenerate ?? 0) - 0.3 * (signals.abandon ?? 0);
    return { signals, up: random() < 1 / (1 + Math.exp(-z)) };
  });
}

describe('OnlineLogisticCalibrator', () => {
  it('recovers the direction and order of the true effects from a stream of examples', () => {
    const calibrator = new OnlineLogisticCalibrator();
    for (const { signals, up } of simulate(20_000, 1)) calibrator.update(signals, up);
    const { coefficients } = calibrator.toRewardConfig() as { coefficients: Record<string, number> };
    expect(coefficients.copy).toBeGreaterThan(1.5);
    expect(coefficients.regenerate).toBeLessThan(-2);
    expect(coefficients.abandon).toBeLessThan(0);
    expect(coefficients.abandon).toBeGreaterThan(coefficients.regenerate);
    expect(coefficients.share).toBe(0); // never seen: untouched
  });

  it('predicts held-out thumbs better than chance', () => {
    const calibrator = new OnlineLogisticCalibrator();
    for (const { signals, up } of simulate(5000, 2)) calibrator.update(signals, up);
    const heldOut = simulate(3000, 3);
    expect(rocAuc(heldOut.map((e) => calibrator.predict(e.signals)), heldOut.map((e) => e.up))).toBeGreaterThan(0.7);
  });

  it('continues from a checkpoint exactly as if never stopped', () => {
    const examples = simulate(400, 4);
    const straight = new OnlineLogisticCalibrator();
    for (const e of examples) straight.update(e.signals, e.up);
    const first = new OnlineLogisticCalibrator();
    for (const e of examples.slice(0, 150)) first.update(e.signals, e.up);
    const resumed = new OnlineLogisticCalibrator({}, JSON.parse(JSON.stringify(first.snapshot())));
    for (const e of examples.slice(150)) resumed.update(e.signals, e.up);
    expect(resumed.snapshot()).toEqual(straight.snapshot());
  });

  it('round-trips its weights through table rows', () => {
    const calibrator = new OnlineLogisticCalibrator();
    for (const { signals, up } of simulate(500, 5)) calibrator.update(signals, up);
    const config = calibrator.toRewardConfig();
    const rows = rewardWeightRows(config, 'acme', calibrator.examples, 123);
    expect(rows).toHaveLength(14);
    expect(rows.every((r) => r.scope === 'acme' && r.examples === 500 && r.ts === 123)).toBe(true);
    expect(rewardConfigFromRows(rows)).toEqual(config);
  });
});
