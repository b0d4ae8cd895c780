import { AnalysisRefresh } from '../analysis/refresh-analysis';
import type { CliCommand } from '../command';
import { loadConfig } from '../config';
import { startAnalysisLoop } from '../monitoring/analysis-loop';
import { monitorServiceFromConfig } from '../monitoring/monitoring-from-config';
import { openConfiguredStore } from '../store-from-config';
import { createLogger, terminationSignal } from './logger';
import { kafkaConnection } from './run.command';

/**
 * `prefstream monitor`: the analysis loop on its own (refresh ratings and effects, run the monitors,
 * raise alerts), for a store that pipelines write to elsewhere, or once over a replayed store. `--once`
 * runs a single pass and prints its summary; `--all-settled` judges every stored minute within the
 * lookback (right after a finished replay, when every conversation has closed), not only those past the
 * settle delay.
 */
export const monitorCommand: CliCommand = {
  name: 'monitor',
  summary: 'Run the monitors (drift, unsafe preferences, preference shifts) over a store and raise alerts',
  usage: 'prefstream monitor [--store DIR | --clickhouse-url URL] [--once [--all-settled] [--json]] [--analysis-every-ms N] [--alerts-topic T --brokers HOST:PORT]',
  usesConfig: true,
  options: { once: { type: 'boolean' }, 'all-settled': { type: 'boolean' }, json: { type: 'boolean' } },
  async run({ values, env, stdout, stderr }) {
    const config = loadConfig({ flags: values, env, file: values.config as string | undefined });
    // With --json, stdout carries only the summary: log lines go to stderr.
    const log = createLogger(config, values.json ? stderr : stdout, stderr);
    const kafka = config.kafka.brokers?.length ? kafkaConnection(config, log) : undefined;
    const store = await openConfiguredStore(config);
    try {
      const monitors = await monitorServiceFromConfig(store, config, log, kafka);
      const analysis = new AnalysisRefresh(store);
      try {
        if (values.once) {
          await analysis.refresh();
          const summary = await monitors.evaluate({ allSettled: values['all-settled'] === true });
          stdout.write(values.json ? JSON.stringify(summary) + '\n' : `judged minutes up to ${iso(summary.outcomeUntil)} (outcomes), ${iso(summary.responseUntil)} (responses): ${summary.minutesRead} minute rows, ${summary.snapshotsRead} snapshot rows, ${summary.statsWritten} drift stats written, ${summary.alertsNew} new alerts (${summary.alertsRaised} raised)\n`);
          return summary.notifyFailures.length ? 1 : 0;
        }
        const everyMs = config.analysis.everyMs || 60_000;
        const loop = startAnalysisLoop({ everyMs, analysis, monitors, log });
        log('info', `monitoring every ${everyMs / 1000} s; Ctrl-C stops`);
        await loop.tick();
        log('info', `${await terminationSignal()}: stopping`);
        await loop.close();
        return 0;
      } finally {
        await monitors.close();
      }
    } finally {
      await store.close();
    }
  },
};

const iso = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString());
