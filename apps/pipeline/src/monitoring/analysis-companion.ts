import type { KafkaConnection } from '@prefstream/kafka';
import { AnalysisRefresh } from '../analysis/refresh-analysis';
import type { StoreCompanion } from '../commands/store-companion';
import type { PipelineConfig } from '../config';
import type { PipelineMetrics } from '../metrics/pipeline-metrics';
import { startAnalysisLoop } from './analysis-loop';
import type { MonitorPassSummary } from './monitor-service';
import { monitorServiceFromConfig } from './monitoring-from-config';

/** The analysis loop (ratings, effects, monitors, alerts) beside the pipeline, or undefined when `analysis.everyMs` is 0. */
export function analysisCompanion(config: PipelineConfig, log: (level: string, message: string) => void, kafka?: KafkaConnection, metrics?: PipelineMetrics): StoreCompanion | undefined {
  if (config.analysis.everyMs === 0) return undefined;
  return async (store) => {
    const monitors = await monitorServiceFromConfig(store, config, log, kafka);
    const onPass = metrics ? (result: { summary: MonitorPassSummary } | { error: unknown }) => countPass(metrics, result) : undefined;
    const loop = startAnalysisLoop({ everyMs: config.analysis.everyMs, analysis: new AnalysisRefresh(store), monitors, log, onPass });
    log('info', `analysis: ratings, effects and monitors every ${config.analysis.everyMs / 1000} s`);
    return {
      async close() {
        await loop.close();
        await monitors.close();
      },
    };
  };
}

function countPass(metrics: PipelineMetrics, result: { summary: MonitorPassSummary } | { error: unknown }): void {
  if (!('summary' in result)) {
    metrics.analysisPasses.inc({ outcome: 'failed' });
    return;
  }
  const { summary } = result;
  metrics.analysisPasses.inc({ outcome: 'ok' });
  for (const alert of summary.newAlerts) metrics.alertsRaised.inc({ monitor: alert.monitor, severity: alert.severity });
  for (const failure of summary.notifyFailures) metrics.alertNotifyFailures.inc({ output: failure.output });
  if (summary.responseUntil !== null) metrics.monitorJudgedMinute.set({ class: 'response' }, summary.responseUntil / 1000);
  if (summary.outcomeUntil !== null) metrics.monitorJudgedMinute.set({ class: 'outcome' }, summary.outcomeUntil / 1000);
}
