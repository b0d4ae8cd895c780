// `node bin/run-ts.js tools/eval-classifiers/src/main.ts [--only refusal,toxicity,harmful-request,follow-up] [--write]`
// Evaluates the classifiers and prints the report as JSON. With --write it also updates
// docs/classifiers.eval.json and the `metrics` block of each shipped manifest.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateFollowUp } from './follow-up-eval';
import { evaluateHarmfulRequest } from './harmful-request-eval';
import { writeManifestMetrics, type EvaluationReport } from './manifest-metrics';
import { EVAL_JSON, REPO_ROOT } from './paths';
import { evaluateRefusal } from './refusal-eval';
import { evaluateToxicity } from './toxicity-eval';

const EVALUATIONS = { refusal: evaluateRefusal, toxicity: evaluateToxicity, 'harmful-request': evaluateHarmfulRequest, 'follow-up': evaluateFollowUp } as const;
type EvaluationName = keyof typeof EVALUATIONS;

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { only: { type: 'string' }, write: { type: 'boolean' }, 'work-dir': { type: 'string' } } });
  const names = (values.only?.split(',').map((s) => s.trim()) ?? Object.keys(EVALUATIONS)) as EvaluationName[];
  const unknown = names.filter((n) => !(n in EVALUATIONS));
  if (unknown.length) {
    console.error(`unknown evaluation(s) ${unknown.join(', ')}; known: ${Object.keys(EVALUATIONS).join(', ')}`);
    return 2;
  }
  const workDir = path.resolve(values['work-dir'] ?? path.join(REPO_ROOT, 'tmp', 'eval-classifiers'));
  fs.mkdirSync(workDir, { recursive: true });
  const report: EvaluationReport = {};
  for (const name of names) {
    const started = Date.now();
    if (name === 'refusal') report.refusal = await evaluateRefusal(workDir);
    else if (name === 'toxicity') report.toxicity = await evaluateToxicity();
    else if (name === 'harmful-request') report['harmful-request'] = await evaluateHarmfulRequest(workDir);
    else report['follow-up'] = await evaluateFollowUp();
    process.stderr.write(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  const document = { generatedBy: `node bin/run-ts.js tools/eval-classifiers/src/main.ts ${argv.join(' ')}`.trim(), ...report };
  process.stdout.write(JSON.stringify(document, null, 2) + '\n');
  if (values.write) {
    const previous = fs.existsSync(EVAL_JSON) ? JSON.parse(fs.readFileSync(EVAL_JSON, 'utf8')) : {};
    fs.writeFileSync(EVAL_JSON, JSON.stringify({ ...previous, ...document }, null, 2) + '\n');
    writeManifestMetrics(report);
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
