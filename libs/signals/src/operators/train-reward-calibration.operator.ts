import { Observable, type OperatorFunction } from 'rxjs';
import type { SignalOutput } from '../outputs';
import type { OnlineLogisticCalibrator } from '../reward/logistic-calibrator';
import { rewardWeightRows, type RewardWeightRow } from '../reward/reward-weight-rows';

export interface TrainRewardCalibrationOptions {
  /** Emit the weights after every this many new labelled responses (and once more on completion). */
  emitEvery?: number;
  /** Written into each row: what the weights were fitted on. */
  scope?: string;
}

/**
 * RxJS operator: fits the calibrator on responses where implicit signals and explicit thumbs meet, one
 * example per response (its final update, so each turn counts once with all its evidence), and emits
 * the weights as rows for ClickHouse. Other outputs are consumed, not passed on.
 */
export function trainRewardCalibration(calibrator: OnlineLogisticCalibrator, options: TrainRewardCalibrationOptions = {}): OperatorFunction<SignalOutput, RewardWeightRow[]> {
  const every = options.emitEvery ?? 1000;
  const scope = options.scope ?? 'global';
  return (source) =>
    new Observable<RewardWeightRow[]>((subscriber) => {
      let sinceEmit = 0;
      let latestTs = 0;
      const emit = () => {
        const config = calibrator.toRewardConfig();
        if (config.mode === 'calibrated') subscriber.next(rewardWeightRows(config, scope, calibrator.examples, latestTs));
        sinceEmit = 0;
      };
      return source.subscribe({
        next(output) {
          if (output.type !== 'response' || !output.row.final || output.row.explicit.thumbs === 0) return;
          calibrator.update(output.row.signals, output.row.explicit.thumbs > 0);
          latestTs = Math.max(latestTs, output.row.updated_ts);
          if (++sinceEmit >= every) emit();
        },
        error: (error: unknown) => subscriber.error(error),
        complete() {
          if (sinceEmit > 0) emit();
          subscriber.complete();
        },
      });
    });
}
