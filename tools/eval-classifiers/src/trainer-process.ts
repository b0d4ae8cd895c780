import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './paths';

const run = promisify(execFile);

/**
 * Trains a model with the real trainer CLI in a child process and returns its manifest path. The
 * evaluation thereby judges exactly what `train-classifier` writes, read back through libs/models.
 */
export async function trainWithCli(args: string[], outDir: string): Promise<string> {
  const cli = [path.join(REPO_ROOT, 'bin', 'run-ts.js'), path.join(REPO_ROOT, 'tools', 'train-classifier', 'src', 'main.ts'), ...args, '--out', outDir];
  await run(process.execPath, cli, { cwd: REPO_ROOT, maxBuffer: 1 << 20 });
  return path.join(outDir, 'manifest.json');
}

/** The command line an evaluation used, for the report. */
export function trainerCommand(args: string[]): string {
  return ['node bin/run-ts.js tools/train-classifier/src/main.ts', ...args].join(' ');
}
