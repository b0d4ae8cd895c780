// `node bin/run-ts.js tools/train-classifier/src/select-follow-up.ts [--write]`
// Chooses the follow-up model's n-gram settings, L2 and class weighting, and the rules + model
// threshold, by cross-validation within libs/signals/data/followup-dev.jsonl (the test split is never
// read). Prints the selection as JSON; --write stores it in models/follow-up/selection.json.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FOLLOW_UP_SELECTION_FILE, selectFollowUp } from './select/follow-up-selection';

export function main(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { write: { type: 'boolean' } } });
  const started = Date.now();
  const selection = selectFollowUp((done, total) => {
    if (done % 10 === 0 || done === total) process.stderr.write(`${done}/${total} candidates, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  });
  const text = JSON.stringify(selection, null, 2) + '\n';
  process.stdout.write(text);
  if (values.write) {
    fs.mkdirSync(path.dirname(FOLLOW_UP_SELECTION_FILE), { recursive: true });
    fs.writeFileSync(FOLLOW_UP_SELECTION_FILE, text);
  }
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
