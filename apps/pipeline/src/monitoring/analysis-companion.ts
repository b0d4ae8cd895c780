import type { KafkaConnection } from '@prefstream/kafka';
import { AnalysisRefresh } from '../analysis/refresh-analysis';
import type { StoreCompanion } from '../commands/store-companion';
import type { PipelineConfig } from '../config';
import { startAnalysisLoop } from './analysis-loop';
import { monitorServiceFromConfig } from './monitoring-from-config';

/** The analysis loop (ratings, effects, monitors, alerts) beside the pipeline, or undefined when `analysis.everyMs` is 0. */
export function analysisCompanion(config: PipelineConfig, log: (level: string, message: string) => void, kafka?: KafkaConnection): StoreCompanion | undefined {
  if (config.analysis.everyMs === 0) return undefined;
  return async (store) => {
    const monitoring = await monitorServiceFromConfig(store, config, log, kafka);
    const loop = startAnalysisLoop({ everyMs: config.analysis.everyMs, analysis: new AnalysisRefresh(store), monitors: monitoring.service, log });
    log('info', `analysis: ratings, effects and monitors every ${config.analysis.everyMs / 1000} s`);
    return {
      async close() {
        await loop.close();
        await monitoring.close();
      },
    };
  };
}
