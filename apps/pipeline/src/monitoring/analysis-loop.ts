import type { AnalysisRefresh } from '../analysis/refresh-analysis';
import type { MonitorPassSummary, MonitorService } from './monitor-service';

export interface AnalysisLoop {
  /** Runs one refresh and monitor pass now (waits for one in flight first). */
  tick(): Promise<MonitorPassSummary | undefined>;
  /** Stops the timer and waits for the pass in flight. */
  close(): Promise<void>;
}

/**
 * Every `everyMs`: refresh the ratings and effects from the new votes (their snapshots feed the
 * preference monitors), then run one monitor pass. Passes never overlap; a failed pass is logged, and
 * what it found but could not store is held by the monitor service and stored by the next one.
 */
export function startAnalysisLoop(options: {
  everyMs: number;
  analysis: AnalysisRefresh;
  monitors: MonitorService;
  log: (level: string, message: string) => void;
  /** After every pass: its summary, or the error it failed with (for metrics). */
  onPass?: (result: { summary: MonitorPassSummary } | { error: unknown }) => void;
}): AnalysisLoop {
  let chain: Promise<MonitorPassSummary | undefined> = Promise.resolve(undefined);
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  const pass = async (): Promise<MonitorPassSummary | undefined> => {
    // Ratings and effects failing (a bad vote batch, a schema error) must not stop the drift monitors,
    // which need no votes: the refresh is tried, then the monitors run either way.
    await options.analysis.refresh().catch((error: unknown) => options.log('error', `ratings/effects refresh failed (retried next pass): ${(error as Error).message}`));
    try {
      const summary = await options.monitors.evaluate();
      options.onPass?.({ summary });
      if (summary.statsWritten || summary.alertsNew) options.log('info', `monitors: judged minutes up to ${iso(summary.outcomeUntil)} (outcomes) / ${iso(summary.responseUntil)} (responses); ${summary.statsWritten} stats, ${summary.alertsNew} new alerts`);
      return summary;
    } catch (error) {
      options.onPass?.({ error });
      options.log('error', `analysis pass failed (retried in ${options.everyMs} ms): ${(error as Error).message}`);
      return undefined;
    }
  };
  const tick = () => (chain = chain.then(pass));
  const schedule = () => {
    if (closed) return;
    timer = setTimeout(() => void tick().then(schedule), options.everyMs);
  };
  schedule();
  return {
    tick,
    async close() {
      closed = true;
      clearTimeout(timer);
      await chain;
    },
  };
}

const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());
