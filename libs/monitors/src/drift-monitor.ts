import { episodeAlert, type Alert } from './alert';
import { BoundedMap } from './bounded-map';
import { driftStatRow, type DriftStatRow, type MonitorResult } from './drift-stat-row';
import { formatNumber, formatUtcMinute } from './format';
import { DEFAULT_DRIFT_METRICS, isMaterialChange, type DriftMetric, type MonitorMinute } from './monitor-minute';
import { StandardisedCusum, type CusumAlarm, type CusumObservation, type StandardisedCusumOptions } from './standardised-cusum';

/**
 * Drift of each metric of each model version: one standardised CUSUM per (tenant, model,
 * model_version, metric), fed the closed minutes in order. Emits a drift_stats row per monitored
 * minute and an alert when a CUSUM crosses its threshold (after which that detector re-baselines).
 * Re-feeding minutes it has seen is a no-op, so a caller may overlap its reads.
 */
export const DRIFT_MONITOR = 'drift';

export interface DriftMonitorOptions {
  /** Default DEFAULT_DRIFT_METRICS. */
  metrics?: readonly DriftMetric[];
  /** CUSUM parameters for every metric (`proportion` comes from each metric). */
  cusum?: Partial<Omit<StandardisedCusumOptions, 'proportion'>>;
  /** Detectors kept at most; the subject seen longest ago is forgotten beyond it. Default 10,000. */
  maxSubjects?: number;
}

interface Subject {
  cusum: StandardisedCusum;
  lastMinuteMs: number;
}

const byMinute = (a: MonitorMinute, b: MonitorMinute) => a.minute_ms - b.minute_ms;

export class DriftMonitor {
  private readonly metrics: readonly DriftMetric[];
  private readonly cusum: Partial<StandardisedCusumOptions>;
  private readonly subjects: BoundedMap<string, Subject>;

  constructor(options: DriftMonitorOptions = {}) {
    this.metrics = options.metrics ?? DEFAULT_DRIFT_METRICS;
    const names = new Set(this.metrics.map((m) => m.name));
    if (names.size !== this.metrics.length) throw new RangeError('drift metric names must be unique');
    this.cusum = { ...options.cusum };
    new StandardisedCusum(this.cusum); // fail here, not on the first minute, when the parameters are invalid
    this.subjects = new BoundedMap(options.maxSubjects ?? 10_000);
  }

  get subjectCount(): number {
    return this.subjects.size;
  }

  /** Detectors forgotten because there were more subjects than `maxSubjects` (each starts over if seen again). */
  get evictedSubjects(): number {
    return this.subjects.evictions;
  }

  /** All rows of one or more closed minutes, any order; minutes a subject has already seen are ignored. */
  observe(minutes: readonly MonitorMinute[]): MonitorResult {
    const result: MonitorResult = { stats: [], alerts: [] };
    for (const minute of [...minutes].sort(byMinute)) {
      for (const metric of this.metrics) this.observeMetric(minute, metric, result);
    }
    return result;
  }

  private observeMetric(minute: MonitorMinute, metric: DriftMetric, result: MonitorResult): void {
    const key = `${minute.tenant}\n${minute.model}\n${minute.model_version}\n${metric.name}`;
    const batch = metric.extract(minute);
    let subject = this.subjects.touch(key);
    if (subject === undefined) {
      if (batch === undefined) return;
      subject = { cusum: new StandardisedCusum({ ...this.cusum, proportion: metric.proportion }), lastMinuteMs: -Infinity };
      this.subjects.set(key, subject);
    }
    if (minute.minute_ms <= subject.lastMinuteMs) return;
    subject.lastMinuteMs = minute.minute_ms;
    if (batch === undefined) return;
    const observation = subject.cusum.observe(batch, minute.minute_ms);
    if (observation.skipped || observation.warmingUp) return;
    const subjectName = `${minute.model}@${minute.model_version}/${metric.name}`;
    // An alarm re-baselines the detector either way; only a change big enough to act on is an alert.
    const alarm = observation.alarm && isMaterialChange(metric, observation.alarm.baselineMean, observation.alarm.meanSinceChange) ? observation.alarm : null;
    result.stats.push(statRow(minute, metric, subjectName, observation, subject.cusum.options.h, alarm !== null));
    if (alarm) result.alerts.push(driftAlert(minute, metric, subjectName, observation, alarm));
  }
}

function statRow(minute: MonitorMinute, metric: DriftMetric, subject: string, o: CusumObservation, h: number, drifted: boolean): DriftStatRow {
  return driftStatRow({
    computed_at: minute.minute_ms, tenant: minute.tenant, monitor: DRIFT_MONITOR, subject, statistic: o.statistic, threshold: h, drifted,
    // alarm without drifted: significant but below the metric's minimum effect (re-baselined, no alert).
    details: { metric: metric.name, direction: o.direction, mean: o.mean, baseline_mean: o.baselineMean, z: o.z, count: o.count, warming_up: o.warmingUp, up: o.up, down: o.down, alarm: o.alarm !== null },
  });
}

function driftAlert(minute: MonitorMinute, metric: DriftMetric, subject: string, o: CusumObservation, alarm: CusumAlarm): Alert {
  const moved = alarm.direction === 'up' ? 'rose' : 'fell';
  const who = `${minute.model}@${minute.model_version}${minute.tenant ? ` (${minute.tenant})` : ''}`;
  return episodeAlert({
    episodeStartMs: alarm.changeStartMs,
    raisedAt: minute.minute_ms,
    tenant: minute.tenant,
    severity: metric.bad !== null && alarm.direction === metric.bad ? 'warning' : 'info',
    monitor: DRIFT_MONITOR,
    subject,
    message:
      `${metric.label} of ${who} ${moved} from ${formatNumber(alarm.baselineMean)} to ${formatNumber(alarm.meanSinceChange)} ` +
      `since ${formatUtcMinute(alarm.changeStartMs, minute.minute_ms)} (CUSUM ${alarm.statistic.toFixed(1)} > ${formatNumber(alarm.threshold)})`,
    details: {
      metric: metric.name, model: minute.model, model_version: minute.model_version, direction: alarm.direction,
      statistic: alarm.statistic, threshold: alarm.threshold, changeStartMs: alarm.changeStartMs, baselineMean: alarm.baselineMean,
      meanSinceChange: alarm.meanSinceChange, minutesSinceChange: alarm.minutesSinceChange, z: o.z, count: o.count,
    },
  });
}
