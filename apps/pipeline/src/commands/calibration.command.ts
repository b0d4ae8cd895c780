import type { CliCommand } from '../command';
import { RewardCalibration } from '../calibration/reward-calibration';
import { loadConfig } from '../config';
import { openConfiguredStore } from '../store-from-config';
import { renderTable } from './query.command';

/** Fits the implicit reward against explicit thumbs over a store and writes the weights to `reward_calibration`. */
export const calibrationCommand: CliCommand = {
  name: 'calibration',
  summary: 'Calibrate the implicit reward against thumbs (online logistic model) and store its weights',
  usage: 'prefstream calibration [--store DIR | --clickhouse-url URL] [--json] [--no-write]',
  usesConfig: true,
  options: { json: { type: 'boolean' }, 'no-write': { type: 'boolean' } },
  async run({ values, env, stdout }) {
    const config = loadConfig({ flags: values, env, file: values.config as string | undefined });
    const store = await openConfiguredStore(config);
    try {
      const calibration = new RewardCalibration(store);
      const responses = await calibration.refresh();
      const written = values['no-write'] ? 0 : await calibration.write(Date.now());
      const scopes = calibration.report();
      const global = scopes.find((s) => s.scope === 'global');
      const result = {
        responses, rows_written: written,
        scopes: scopes.map((s) => ({ scope: s.scope, examples: s.examples, positives: s.positives, auc_hand: s.aucHand, auc_calibrated: s.aucCalibrated, weights: s.weights })),
        // Ready to use: PREFSTREAM_REWARD_COEFFICIENTS switches the pipeline to the calibrated reward.
        reward_coefficients: global ? JSON.stringify(global.weights) : null,
      };
      if (values.json) stdout.write(JSON.stringify(result) + '\n');
      else {
        stdout.write(`${responses} responses with implicit signals and a thumbs; ${written} weight rows written\n`);
        stdout.write(renderTable(result.scopes.map((s) => ({ scope: s.scope, examples: s.examples, up: s.positives, auc_hand: s.auc_hand.toFixed(3), auc_calibrated: s.auc_calibrated.toFixed(3) }))));
        if (result.reward_coefficients) stdout.write(`\nPREFSTREAM_REWARD_COEFFICIENTS='${result.reward_coefficients}'\n`);
      }
    } finally {
      await store.close();
    }
    return 0;
  },
};
