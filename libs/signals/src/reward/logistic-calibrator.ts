import { SIGNAL_KIND_NAMES, type SignalKind } from '../signal-kinds';
import { rewardFeatures, type RewardConfig } from './reward-config';

export interface CalibratorOptions {
  /** AdaGrad base step. */
  learningRate?: number;
  /** L2 penalty on the coefficients (not the intercept), per example. */
  l2?: number;
}

/** The calibrator's checkpointed state (plain JSON). */
export interface CalibratorState {
  version: 1;
  examples: number;
  positives: number;
  intercept: number;
  coefficients: Record<SignalKind, number>;
  /** AdaGrad accumulators of squared gradients, same keys plus '(intercept)'. */
  squaredGradients: Record<string, number>;
}

const zeros = () => Object.fromEntries(SIGNAL_KIND_NAMES.map((k) => [k, 0])) as Record<SignalKind, number>;
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const INTERCEPT = '(intercept)';

/**
 * Online logistic regression of P(thumbs up | signals), one AdaGrad step per labelled response. It is
 * deterministic (no random init, order of updates = order of examples), so a replay from a checkpoint
 * reproduces the same weights. Its coefficients can replace the hand weights (`toRewardConfig`).
 */
export class OnlineLogisticCalibrator {
  private readonly learningRate: number;
  private readonly l2: number;
  private state: CalibratorState;

  constructor(options: CalibratorOptions = {}, state?: CalibratorState) {
    this.learningRate = options.learningRate ?? 0.5;
    this.l2 = options.l2 ?? 1e-4;
    this.state = state ? structuredClone(state) : { version: 1, examples: 0, positives: 0, intercept: 0, coefficients: zeros(), squaredGradients: {} };
  }

  /** P(thumbs up) for a response with these signals. */
  predict(signals: Readonly<Record<string, number>>): number {
    const x = rewardFeatures(signals);
    let z = this.state.intercept;
    for (const kind of SIGNAL_KIND_NAMES) z += this.state.coefficients[kind] * x[kind];
    return sigmoid(z);
  }

  /** One step on one labelled response (up = thumbs up). */
  update(signals: Readonly<Record<string, number>>, up: boolean): void {
    const x = rewardFeatures(signals);
    const error = this.predict(signals) - (up ? 1 : 0);
    const s = this.state;
    for (const kind of SIGNAL_KIND_NAMES) {
      const gradient = error * x[kind] + this.l2 * s.coefficients[kind];
      if (gradient === 0) continue;
      s.coefficients[kind] -= this.step(kind, gradient);
    }
    s.intercept -= this.step(INTERCEPT, error);
    s.examples++;
    if (up) s.positives++;
  }

  get examples(): number {
    return this.state.examples;
  }

  /** Coefficients as a reward configuration that replaces the hand weights. */
  toRewardConfig(): Extract<RewardConfig, { mode: 'calibrated' }> {
    return { mode: 'calibrated', coefficients: { ...this.state.coefficients }, intercept: this.state.intercept };
  }

  snapshot(): CalibratorState {
    return structuredClone(this.state);
  }

  private step(key: string, gradient: number): number {
    const accumulated = (this.state.squaredGradients[key] ?? 0) + gradient * gradient;
    this.state.squaredGradients[key] = accumulated;
    return (this.learningRate * gradient) / Math.sqrt(accumulated + 1e-12);
  }
}
