import { createHash } from 'node:crypto';
import { AlertDispatcher, RecentIds } from '@prefstream/alert-outputs';
import { assertRowsFit, type Store } from '@prefstream/clickhouse';
import type { Alert, AlertOutput, DriftStatRow, MonitorMinute } from '@prefstream/monitors';
import { ALERT_SEVERITIES, DEFAULT_DRIFT_METRICS, DriftMonitor, PreferenceShiftMonitor, UnsafePreferenceMonitor, type AlertSeverity } from '@prefstream/monitors';
import { driftStatKey, readEffectSnapshots, readLatestDriftStats, readLatestMinute, readMonitorMinutes, readRatingSnapshots, readStoredAlertIds } from './monitor-reads';

const MINUTE_MS = 60_000;
const floorMinute = (ms: number) => Math.floor(ms / MINUTE_MS) * MINUTE_MS;
/** Minutes read per query while catching up (bounds memory over a long lookback). */
const READ_CHUNK_MS = 120 * MINUTE_MS;
/** How far ahead of the wall clock the event-time front may be: one event dated next year must not carry every cursor there. */
const MAX_FUTURE_SKEW_MS = 5 * MINUTE_MS;
/** Snapshots are re-read this far behind the last pass: a writer elsewhere stamps computed_at before its insert lands. */
const SNAPSHOT_OVERLAP_MS = 5 * MINUTE_MS;

export interface MonitorServiceOptions {
  /** Event time re-read on the first pass to rebuild baselines. */
  lookbackMs: number;
  /**
   * How far behind the newest minute each kind of metric is complete: response properties once late
   * events can no longer arrive; outcomes (reward, thumbs, signal rates) once the conversations active
   * in the minute have closed (monitors.outcomeSettleMs).
   */
  settle: { responseMs: number; outcomeMs: number };
  drift: { baselineMinutes: number; minCount: number; threshold: number; maxSubjects: number };
  /** Where alerts go besides the alerts table (webhook, Kafka), and the least severity they get. */
  notify: { outputs: readonly AlertOutput[]; minSeverity: AlertSeverity };
  /** The alerts table; written after the notify outputs, so a stored alert is one that was sent. */
  table: AlertOutput;
  log: (level: string, message: string) => void;
  /** Wall clock, for the snapshot tables (their computed_at is when a refit ran, not event time). */
  now?: () => number;
}

export interface MonitorPassSummary {
  /** Closed minutes judged up to (exclusive), per settle class; null before any aggregate exists. */
  responseUntil: number | null;
  outcomeUntil: number | null;
  minutesRead: number;
  snapshotsRead: number;
  statsWritten: number;
  alertsRaised: number;
  alertsNew: number;
  /** The new alerts' monitor and severity, for counting. */
  newAlerts: { monitor: string; severity: AlertSeverity }[];
  notifyFailures: { output: string; error: string }[];
}

const atLeast = (severity: AlertSeverity, min: AlertSeverity) => ALERT_SEVERITIES.indexOf(severity) >= ALERT_SEVERITIES.indexOf(min);

/**
 * Runs the monitors over what the pipeline stored: the closed minutes of the minute aggregates (drift of
 * rewards, signal rates and response properties per model version; rewards of toxic against non-toxic
 * responses) and the rating and effect snapshots (unsafe preferences, preference shifts). Each pass
 * reads only what is new since the last; the first re-reads `lookbackMs` to rebuild the baselines.
 * Detector state lives in memory and is rebuilt that way after a restart. The rebuilt detectors need not
 * retrace the earlier process's path, so what they raise about minutes or snapshots an earlier process
 * already judged (its drift_stats are stored) is dropped, and so are stats already stored. Results are
 * written after every chunk read; what a failed write or delivery leaves is held and goes first next pass.
 */
export class MonitorService {
  private readonly responseDrift: DriftMonitor;
  private readonly outcomeDrift: DriftMonitor;
  private readonly unsafe: UnsafePreferenceMonitor;
  private readonly shifts = new PreferenceShiftMonitor();
  private responseCursor: number | undefined;
  private outcomeCursor: number | undefined;
  private snapshotCursor: number | undefined;
  /** Per subject, the newest stat stored (by anyone); and as found at start (what an earlier process judged). */
  private storedStats: Map<string, number> | undefined;
  private judgedBefore: ReadonlyMap<string, number> = new Map();
  /** Results the detectors produced that are not yet stored (a write failed): they go first next pass. */
  private heldStats: DriftStatRow[] = [];
  private heldAlerts: Alert[] = [];
  /** Alert ids known to be in the table, so a condition that keeps holding is not looked up every pass. */
  private readonly storedAlerts = new RecentIds(100_000);
  private evictionsLogged = 0;
  /** Fans out to the notify outputs; what one fails on is held and sent again on the next pass (in this process). */
  private readonly dispatcher: AlertDispatcher;

  constructor(
    private readonly store: Store,
    private readonly options: MonitorServiceOptions,
  ) {
    const cusum = { baselineMinutes: options.drift.baselineMinutes, minCount: options.drift.minCount, h: options.drift.threshold };
    const maxSubjects = options.drift.maxSubjects;
    this.responseDrift = new DriftMonitor({ metrics: DEFAULT_DRIFT_METRICS.filter((m) => m.settles === 'response'), cusum, maxSubjects });
    this.outcomeDrift = new DriftMonitor({ metrics: DEFAULT_DRIFT_METRICS.filter((m) => m.settles === 'outcome'), cusum, maxSubjects });
    this.unsafe = new UnsafePreferenceMonitor({ maxSubjects });
    this.dispatcher = new AlertDispatcher(options.notify.outputs, { log: options.log });
  }

  /** One pass. `allSettled`: every stored minute is final (after a finished replay), judge them all. */
  async evaluate(options: { allSettled?: boolean } = {}): Promise<MonitorPassSummary> {
    const summary: MonitorPassSummary = { responseUntil: null, outcomeUntil: null, minutesRead: 0, snapshotsRead: 0, statsWritten: 0, alertsRaised: 0, alertsNew: 0, newAlerts: [], notifyFailures: [] };
    const now = (this.options.now ?? Date.now)();
    const collect = (result: { stats: DriftStatRow[]; alerts: Alert[] }) => {
      this.heldStats.push(...result.stats);
      this.heldAlerts.push(...result.alerts);
      summary.alertsRaised += result.alerts.length;
    };
    // What an earlier pass could not store goes first.
    await this.flush(summary);

    const latest = await readLatestMinute(this.store);
    const snapshotsFrom = this.snapshotCursor === undefined ? now - this.options.lookbackMs : this.snapshotCursor - SNAPSHOT_OVERLAP_MS;
    // A minute m is closed once the watermark passes m + 1 min + lateness; the newest stored minute bounds
    // the watermark from below, so minutes before `latest - delay` are judged. Clamped to the wall clock.
    const front = latest === undefined ? undefined : Math.min(latest, floorMinute(now + MAX_FUTURE_SKEW_MS));
    const until = (delayMs: number) => (options.allSettled ? front! + MINUTE_MS : floorMinute(front! - delayMs));
    if (front !== undefined) {
      this.responseCursor ??= until(this.options.settle.responseMs) - this.options.lookbackMs;
      this.outcomeCursor ??= until(this.options.settle.outcomeMs) - this.options.lookbackMs;
    }
    if (this.storedStats === undefined) {
      this.storedStats = await readLatestDriftStats(this.store, Math.min(snapshotsFrom, this.responseCursor ?? Infinity, this.outcomeCursor ?? Infinity));
      this.judgedBefore = new Map(this.storedStats);
    }
    if (front !== undefined) {
      this.responseCursor = await this.readMinutes(this.responseCursor!, until(this.options.settle.responseMs), summary, (minutes) => collect(this.responseDrift.observe(minutes)));
      this.outcomeCursor = await this.readMinutes(this.outcomeCursor!, until(this.options.settle.outcomeMs), summary, (minutes) => {
        collect(this.outcomeDrift.observe(minutes));
        collect(this.unsafe.observeMinutes(minutes));
      });
      summary.responseUntil = this.responseCursor;
      summary.outcomeUntil = this.outcomeCursor;
    }

    const effects = await readEffectSnapshots(this.store, snapshotsFrom, now);
    const ratings = await readRatingSnapshots(this.store, snapshotsFrom, now);
    collect(this.unsafe.observeEffects(effects));
    collect(this.shifts.observeEffects(effects));
    collect(this.shifts.observeRatings(ratings));
    this.snapshotCursor = now;
    summary.snapshotsRead = effects.length + ratings.length;
    await this.flush(summary);
    const evicted = this.responseDrift.evictedSubjects + this.outcomeDrift.evictedSubjects;
    if (evicted > this.evictionsLogged) {
      this.options.log('warn', `monitors: ${evicted - this.evictionsLogged} drift detectors forgotten for want of room (more subjects than monitors.maxSubjects = ${this.options.drift.maxSubjects}); raise it`);
      this.evictionsLogged = evicted;
    }
    return summary;
  }

  /** Closes the notify outputs (the table output belongs to the store's owner). */
  close(): Promise<void> {
    return this.dispatcher.close();
  }

  private async readMinutes(from: number, until: number, summary: MonitorPassSummary, use: (minutes: MonitorMinute[]) => void): Promise<number> {
    let cursor = from;
    while (cursor < until) {
      const to = Math.min(until, cursor + READ_CHUNK_MS);
      const minutes = await readMonitorMinutes(this.store, cursor, to);
      summary.minutesRead += minutes.length;
      use(minutes);
      cursor = to;
      // Stored as it goes: memory stays bounded over a long lookback.
      await this.flush(summary);
    }
    return cursor;
  }

  /** Stores the held stats, then delivers the held alerts; each is cleared only once it succeeded. */
  private async flush(summary: MonitorPassSummary): Promise<void> {
    if (this.heldStats.length > 0) {
      summary.statsWritten += await this.writeStats(this.heldStats);
      this.heldStats = [];
    }
    if (this.heldAlerts.length > 0) {
      await this.deliver(this.heldAlerts, summary);
      this.heldAlerts = [];
    }
  }

  private async notify(alerts: readonly Alert[], summary: MonitorPassSummary): Promise<void> {
    if (this.dispatcher.outputs.length === 0) return;
    for (const result of await this.dispatcher.dispatch(alerts)) {
      if (result.error !== undefined) summary.notifyFailures.push({ output: result.output, error: (result.error as Error).message ?? String(result.error) });
    }
  }

  private async writeStats(stats: readonly DriftStatRow[]): Promise<number> {
    const stored = this.storedStats ?? new Map<string, number>();
    const fresh = stats.filter((row) => row.computed_at > (stored.get(driftStatKey(row)) ?? -Infinity));
    if (fresh.length === 0) return 0;
    assertRowsFit('drift_stats', fresh);
    // The token makes a retried insert (a lost acknowledgement) write once.
    const token = createHash('sha256');
    for (const row of fresh) token.update(`${driftStatKey(row)}\n${row.computed_at}\n`);
    await this.store.insert('drift_stats', fresh, { dedupToken: `drift_stats/${token.digest('hex').slice(0, 32)}` });
    for (const row of fresh) stored.set(driftStatKey(row), Math.max(row.computed_at, stored.get(driftStatKey(row)) ?? -Infinity));
    return fresh.length;
  }

  private async deliver(alerts: readonly Alert[], summary: MonitorPassSummary): Promise<void> {
    // Raised about what an earlier process already judged: its verdict stands (it raised, or did not).
    const unique = [...new Map(alerts.filter((a) => a.raised_at > (this.judgedBefore.get(driftStatKey(a)) ?? -Infinity)).map((a) => [a.alert_id, a])).values()];
    const unknown = unique.filter((a) => !this.storedAlerts.has(a.alert_id));
    const stored = await readStoredAlertIds(this.store, unknown.map((a) => a.alert_id));
    for (const id of stored) this.storedAlerts.add(id);
    const fresh = unknown.filter((a) => !stored.has(a.alert_id));
    summary.alertsNew += fresh.length;
    summary.newAlerts.push(...fresh.map((a) => ({ monitor: a.monitor, severity: a.severity })));
    await this.notify(fresh.filter((a) => atLeast(a.severity, this.options.notify.minSeverity)), summary);
    if (fresh.length === 0) return;
    await this.options.table.send(fresh);
    for (const alert of fresh) {
      this.storedAlerts.add(alert.alert_id);
      this.options.log(alert.severity === 'info' ? 'info' : 'warn', `alert [${alert.severity}] ${alert.monitor} ${alert.tenant || '(all tenants)'} ${alert.subject}: ${alert.message}`);
    }
  }
}
