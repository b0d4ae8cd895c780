import { PrefstreamError } from '@prefstream/errors';
import type { Alert, AlertOutput } from '@prefstream/monitors';
import { RecentIds } from './recent-ids';

export interface AlertDispatcherOptions {
  /** Alert ids remembered as delivered, per output. */
  rememberIds?: number;
  /** Undelivered alerts held per failing output for the next dispatch; beyond this the oldest are dropped. */
  maxPending?: number;
  log?: (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;
}

/** What one dispatch did for one output. */
export interface DispatchResult {
  output: string;
  /** Alerts this output accepted in this dispatch (new ones, and ones held from a failed dispatch). */
  delivered: number;
  /** Alerts not sent because this output already has them. */
  skipped: number;
  /** Alerts held for the next dispatch because this one failed (0 when it succeeded). */
  pending: number;
  error?: unknown;
}

interface Target {
  output: AlertOutput;
  delivered: RecentIds;
  /** By alert_id, oldest first. */
  pending: Map<string, Alert>;
}

/**
 * Fans alerts out to several outputs, each on its own: a failing webhook does not keep alerts from the
 * Kafka topic. Per output it remembers what was delivered, so a monitor that re-raises the same alert
 * (same alert_id) does not page anyone twice within the process, and it holds what failed so the next
 * dispatch sends it again. Dispatches run one after another, so that memory stays consistent.
 */
export class AlertDispatcher {
  private readonly targets: Target[];
  private readonly maxPending: number;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(outputs: readonly AlertOutput[], private readonly options: AlertDispatcherOptions = {}) {
    const remember = options.rememberIds ?? 10_000;
    this.maxPending = options.maxPending ?? 10_000;
    this.targets = outputs.map((output) => ({ output, delivered: new RecentIds(remember), pending: new Map() }));
  }

  get outputs(): readonly string[] {
    return this.targets.map((t) => t.output.name);
  }

  /** Sends to every output at once; resolves when all have finished, with one result per output (never rejects for an output's failure). */
  dispatch(alerts: readonly Alert[]): Promise<DispatchResult[]> {
    if (this.closed) return Promise.reject(new PrefstreamError('alert dispatcher is closed', { code: 'OUTPUT_CLOSED', retriable: false }));
    const run = this.queue.then(() => Promise.all(this.targets.map((target) => this.deliverTo(target, alerts))));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Closes every output (all of them, even if one fails to close), then waits for the dispatch under way:
   * closing first aborts an output's pending retries, so a dead webhook cannot hold up a shutdown.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const results = await Promise.allSettled(this.targets.map((t) => t.output.close()));
    await this.queue;
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    if (errors.length) throw new AggregateError(errors, `closing ${errors.length} alert output(s) failed`);
  }

  private async deliverTo(target: Target, alerts: readonly Alert[]): Promise<DispatchResult> {
    const name = target.output.name;
    // Held alerts first (they are older); one entry per id, the latest content wins.
    const batch = new Map(target.pending);
    let skipped = 0;
    for (const alert of alerts) {
      if (target.delivered.has(alert.alert_id)) {
        skipped++;
        continue;
      }
      batch.delete(alert.alert_id);
      batch.set(alert.alert_id, alert);
    }
    if (batch.size === 0) return { output: name, delivered: 0, skipped, pending: 0 };
    const sending = [...batch.values()];
    try {
      await target.output.send(sending);
    } catch (error) {
      target.pending = this.bounded(name, batch);
      const message = error instanceof Error ? error.message : String(error);
      this.options.log?.('warn', `${name}: ${sending.length} alert(s) not delivered (${message}); held for the next dispatch`);
      return { output: name, delivered: 0, skipped, pending: target.pending.size, error };
    }
    for (const alert of sending) target.delivered.add(alert.alert_id);
    target.pending = new Map();
    return { output: name, delivered: sending.length, skipped, pending: 0 };
  }

  private bounded(name: string, batch: Map<string, Alert>): Map<string, Alert> {
    const excess = batch.size - this.maxPending;
    if (excess <= 0) return batch;
    this.options.log?.('warn', `${name}: dropping the ${excess} oldest undelivered alert(s) (more than ${this.maxPending} held)`);
    return new Map([...batch].slice(excess));
  }
}
