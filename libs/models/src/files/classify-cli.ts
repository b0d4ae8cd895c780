import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { TextClassifier } from '../classifier/text-classifier';
import { listModels } from '../classifier/model-location';
import { classifyFile } from './classify-file';
import type { TextFileFormat } from './read-text-rows';

export const CLASSIFY_USAGE = `usage: prefstream classify --model NAME|MANIFEST.json --input FILE [--text-column COL] [--format csv|ndjson] [--json] [--models-dir DIR] [--max-batch N]
  Prints one line per input row, in order: with --json {"label","scores","model","version"}, otherwise label<TAB>probability.`;

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** `prefstream classify ...`; returns the exit code (0 ok, 1 failure, 2 usage). */
export async function runClassifyCli(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        model: { type: 'string' },
        input: { type: 'string' },
        'text-column': { type: 'string', default: 'text' },
        format: { type: 'string' },
        json: { type: 'boolean', default: false },
        'models-dir': { type: 'string' },
        'max-batch': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${CLASSIFY_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${CLASSIFY_USAGE}\n  models: ${listModels(values['models-dir']).join(', ')}\n`);
    return 0;
  }
  const maxBatch = values['max-batch'] === undefined ? undefined : Number(values['max-batch']);
  const badBatch = maxBatch !== undefined && !(Number.isInteger(maxBatch) && maxBatch > 0);
  if (!values.model || !values.input || badBatch || (values.format && !['csv', 'ndjson'].includes(values.format))) {
    io.stderr.write(`${CLASSIFY_USAGE}\n`);
    return 2;
  }
  let classifier: TextClassifier | undefined;
  try {
    classifier = await TextClassifier.open(values.model, {
      modelsDir: values['models-dir'],
      maxBatch,
    });
    const results = classifyFile(classifier, { input: values.input, format: values.format as TextFileFormat | undefined, textColumn: values['text-column'] });
    for await (const { classification: c } of results) {
      const line = values.json ? JSON.stringify({ label: c.label, scores: c.scores, model: c.model, version: c.version }) : `${c.label}\t${c.scores[c.label]!.toFixed(4)}`;
      await write(io.stdout, line + '\n');
    }
    return 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') return 0; // the reader went away (`| head`): stop quietly
    io.stderr.write(`prefstream classify: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await classifier?.close();
  }
}

if (require.main === module) {
  runClassifyCli(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
