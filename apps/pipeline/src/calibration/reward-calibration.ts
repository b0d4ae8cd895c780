import type { Store } from '@prefstream/clickhouse';
import { OnlineLogisticCalibrator, rewardWeightRows, rocAuc } from '@prefstream/signals';

/** One final response with an explicit thumbs, as read from `responses`. */
interface LabelledResponse {
  tenant: string;
  turn_id: string;
  signals: Record<string, number>;
  implicit_reward: number;
  thumbs: number;
  ts_ms: string;
}

// Keyset pagination over final rows in (ts, tenant, turn_id) order: FINAL keeps each turn's last version.
const PAGE_SQL = `
SELECT tenant, turn_id, signals, implicit_reward, thumbs, toUnixTimestamp64Milli(ts) AS ts_ms
FROM responses FINAL
WHERE final = 1 AND thumbs != 0
  AND (ts, tenant, turn_id) > (fromUnixTimestamp64Milli({after_ts:Int64}), {after_tenant:String}, {after_id:String})
ORDER BY ts, tenant, turn_id
LIMIT {limit:UInt32}`;

export interface ScopeCalibration {
  scope: string;
  examples: number;
  positives: number;
  /** AUC of the hand-weighted implicit reward (as the pipeline computed it) against thumbs. */
  aucHand: number;
  /** Progressive-validation AUC of the online model: each response predicted before it updates the model. */
  aucCalibrated: number;
  weights: Record<string, number>;
}

interface ScopeState {
  calibrator: OnlineLogisticCalibrator;
  hand: number[];
  predicted: number[];
  labels: boolean[];
  latestTs: number;
}

/**
 * Fits P(thumbs up | signals) online over the responses where both implicit signals and an explicit
 * thumbs exist, globally and per tenant, in event-time order (deterministic: the same rows give the same
 * weights), and writes the weights to `reward_calibration`. The weights can replace the hand weights
 * (PREFSTREAM_REWARD_COEFFICIENTS, calibrated mode).
 */
export class RewardCalibration {
  private readonly scopes = new Map<string, ScopeState>();
  private cursor = { ts: 0, tenant: '', id: '' };

  constructor(private readonly store: Store, private readonly options: { pageSize?: number } = {}) {}

  /** Reads responses not seen yet and updates the models; returns how many were read. */
  async refresh(): Promise<number> {
    const limit = this.options.pageSize ?? 50_000;
    let read = 0;
    for (;;) {
      const rows = await this.store.query<LabelledResponse>(PAGE_SQL, { after_ts: this.cursor.ts, after_tenant: this.cursor.tenant, after_id: this.cursor.id, limit });
      for (const row of rows) {
        const signals = Object.fromEntries(Object.entries(row.signals).map(([k, v]) => [k, Number(v)]));
        const up = Number(row.thumbs) > 0;
        const ts = Number(row.ts_ms);
        for (const scope of ['global', `tenant:${row.tenant}`]) {
          const s = this.scopeState(scope);
          s.predicted.push(s.calibrator.predict(signals));
          s.hand.push(Number(row.implicit_reward));
          s.labels.push(up);
          s.calibrator.update(signals, up);
          s.latestTs = Math.max(s.latestTs, ts);
        }
        this.cursor = { ts, tenant: row.tenant, id: row.turn_id };
      }
      read += rows.length;
      if (rows.length < limit) return read;
    }
  }

  report(): ScopeCalibration[] {
    return [...this.scopes].map(([scope, s]) => {
      const config = s.calibrator.toRewardConfig();
      return {
        scope, examples: s.labels.length, positives: s.labels.filter(Boolean).length,
        aucHand: rocAuc(s.hand, s.labels), aucCalibrated: rocAuc(s.predicted, s.labels),
        weights: { '(intercept)': config.intercept, ...config.coefficients },
      };
    });
  }

  /** Writes the current weights of every scope (rows of `reward_calibration`). */
  async write(computedAt: number): Promise<number> {
    const rows = [];
    for (const [scope, s] of this.scopes) {
      const config = s.calibrator.toRewardConfig();
      const auc = rocAuc(s.predicted, s.labels);
      for (const w of rewardWeightRows(config, scope, s.labels.length, s.latestTs)) {
        rows.push({ computed_at: computedAt, tenant: scope, signal: w.feature, weight: w.weight, n: w.examples, auc: Number.isFinite(auc) ? auc : 0 });
      }
    }
    if (rows.length > 0) await this.store.insert('reward_calibration', rows, { dedupToken: `reward_calibration/${computedAt}` });
    return rows.length;
  }

  private scopeState(scope: string): ScopeState {
    let s = this.scopes.get(scope);
    if (!s) this.scopes.set(scope, (s = { calibrator: new OnlineLogisticCalibrator(), hand: [], predicted: [], labels: [], latestTs: 0 }));
    return s;
  }
}
