import { rewardAuc } from './reward-auc';

describe('implicit reward vs explicit thumbs (synthetic traffic, see reward-auc.ts for what that can show)', () => {
  const result = rewardAuc(3000, 7);

  it('has labelled responses of both kinds to measure on', () => {
    expect(result.positives).toBeGreaterThan(50);
    expect(result.labelledResponses - result.positives).toBeGreaterThan(50);
  });

  it('ranks thumbs-up responses above thumbs-down ones far better than chance', () => {
    expect(result.handAuc).toBeGreaterThan(0.75);
    expect(result.heldOut.calibratedAuc).toBeGreaterThan(0.75);
  });

  it('calibrates copy as positive and regenerate as negative evidence', () => {
    expect(result.calibratedWeights.copy).toBeGreaterThan(0);
    expect(result.calibratedWeights.regenerate).toBeLessThan(0);
  });
});
