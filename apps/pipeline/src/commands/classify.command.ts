import { CLASSIFY_USAGE, runClassifyCli } from '@prefstream/models';
import type { CliCommand } from '../command';

/** Runs a shipped (models/) or custom (manifest path) ONNX classifier over a CSV or ndjson file. */
export const classifyCommand: CliCommand = {
  name: 'classify',
  summary: 'Run a shipped or custom ONNX classifier over a CSV or ndjson file',
  usage: CLASSIFY_USAGE,
  options: { model: { type: 'string' }, input: { type: 'string' }, 'text-column': { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, stdout, stderr }) {
    const argv = Object.entries(values).flatMap(([k, v]) => (typeof v === 'string' ? [`--${k}`, v] : v === true ? [`--${k}`] : []));
    return runClassifyCli(argv, { stdout, stderr });
  },
};
