// `node bin/run-ts.js tools/train-classifier/src/main.ts --model refusal|toxicity|harmful-request|follow-up
//   [--data FILE.jsonl] [--sources a,b] [--folds K --fold I | --no-holdout] [--seed N] [--l2 X] [--out DIR]`
// Trains one hashed n-gram classifier and writes models/<name>/{model.onnx,manifest.json[,heldout.json]}.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './datasets/training-row';
import { jsonlModelSpec, MODEL_SPECS, type ModelSpec } from './model-specs';
import { trainClassifier } from './train';

const USAGE = `usage: train-classifier --model NAME [--data FILE.jsonl] [--sources llama2orig,llama2new] [--folds K --fold I | --no-holdout] [--seed N] [--l2 X] [--out DIR]
  known models: ${Object.keys(MODEL_SPECS).join(', ')}; any other NAME needs --data (labels are read from the file)`;

function specFor(name: string, data: string | undefined): ModelSpec {
  const known = MODEL_SPECS[name];
  if (known) return known;
  if (!data) throw new Error(`unknown model "${name}" without --data\n${USAGE}`);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`model name "${name}" must be lower-case letters, digits and dashes`);
  return jsonlModelSpec(name, `Classifier trained from ${path.basename(data)}.`, 'text');
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string' },
      data: { type: 'string' },
      sources: { type: 'string' },
      folds: { type: 'string' },
      fold: { type: 'string' },
      'no-holdout': { type: 'boolean' },
      seed: { type: 'string', default: '20240601' },
      l2: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.model) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const spec = specFor(values.model, values.data);
  const holdout =
    values.folds !== undefined || values.fold !== undefined
      ? { folds: Number(values.folds ?? 5), fold: Number(values.fold ?? 0) }
      : values['no-holdout']
        ? null
        : (spec.defaultHoldout ?? null);
  const outDir = path.resolve(values.out ?? path.join(REPO_ROOT, 'models', spec.name));
  const command = ['node bin/run-ts.js tools/train-classifier/src/main.ts', ...argv.filter((a, i) => !(a === '--out' || argv[i - 1] === '--out'))].join(' ');
  const started = Date.now();
  const result = trainClassifier(spec, {
    data: values.data,
    sources: values.sources?.split(',').map((s) => s.trim()),
    holdout,
    seed: Number(values.seed),
    outDir,
    l2: values.l2 === undefined ? undefined : Number(values.l2),
    command,
  });
  const summary = {
    model: spec.name,
    manifest: path.relative(process.cwd(), result.manifestPath),
    labels: result.labels,
    trainRows: result.trainRows,
    heldOutRows: result.heldOutRows.length,
    iterations: result.fit.iterations,
    stopReason: result.fit.stopReason,
    finalObjective: Number(result.fit.value.toFixed(6)),
    gradientMax: Number(result.fit.gradientMax.toPrecision(3)),
    modelBytes: result.modelBytes,
    seconds: Number(((Date.now() - started) / 1000).toFixed(1)),
  };
  process.stdout.write(JSON.stringify(summary) + '\n');
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
