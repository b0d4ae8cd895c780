// How well the implicit reward predicts explicit thumbs where both exist, and how much online
// calibration adds. The only data here with both is synthetic (libs/sources, written for the demo by
// another engineer: users' thumbs and behaviour both follow a latent "happy" draw), so the figures say
// the pipeline recovers a relation that exists; they say nothing about real users.
//   node bin/run-ts.js libs/signals/test/reward-auc.ts [--conversations 20000] [--seed 1]
import { parseArgs } from 'node:util';
import { generateSyntheticTraffic } from '@prefstream/sources';
import { createSignalEngine } from '../src/engine/signal-engine';
import type { ResponseUpdate } from '../src/outputs';
import { implicitReward } from '../src/reward/implicit-reward';
import { OnlineLogisticCalibrator } from '../src/reward/logistic-calibrator';
import { rocAuc } from '../src/reward/roc-auc';

export interface RewardAucResult {
  labelledResponses: number;
  positives: number;
  /** AUC of the hand-weighted implicit reward against thumbs, all labelled responses. */
  handAuc: number;
  /** On the later half (by turn time): hand weights vs weights calibrated online on the earlier half. */
  heldOut: { responses: number; handAuc: number; calibratedAuc: number };
  calibratedWeights: Record<string, number>;
}

export function rewardAuc(conversations: number, seed: number): RewardAucResult {
  const engine = createSignalEngine();
  const finals: ResponseUpdate[] = [];
  const collect = (outputs: ReturnType<typeof engine.process>) => {
    for (const o of outputs) if (o.type === 'response' && o.row.final && o.row.explicit.thumbs !== 0) finals.push(o.row);
  };
  for (const event of generateSyntheticTraffic({ conversations, seed })) collect(engine.process(event));
  collect(engine.advanceWatermark(Number.MAX_SAFE_INTEGER));
  finals.sort((a, b) => a.ts - b.ts || (a.turn_id < b.turn_id ? -1 : 1));
  const up = (u: ResponseUpdate) => u.explicit.thumbs > 0;
  const half = Math.floor(finals.length / 2);
  const calibrator = new OnlineLogisticCalibrator();
  for (const u of finals.slice(0, half)) calibrator.update(u.signals, up(u));
  const test = finals.slice(half);
  const calibrated = calibrator.toRewardConfig();
  return {
    labelledResponses: finals.length,
    positives: finals.filter(up).length,
    handAuc: rocAuc(finals.map((u) => u.implicit_reward), finals.map(up)),
    heldOut: {
      responses: test.length,
      handAuc: rocAuc(test.map((u) => u.implicit_reward), test.map(up)),
      calibratedAuc: rocAuc(test.map((u) => implicitReward(u.signals, calibrated)), test.map(up)),
    },
    calibratedWeights: calibrated.mode === 'calibrated' ? (calibrated.coefficients as Record<string, number>) : {},
  };
}

if (require.main === module) {
  const { values } = parseArgs({ options: { conversations: { type: 'string', default: '20000' }, seed: { type: 'string', default: '1' } } });
  console.log(JSON.stringify(rewardAuc(Number(values.conversations), Number(values.seed)), null, 2));
}
