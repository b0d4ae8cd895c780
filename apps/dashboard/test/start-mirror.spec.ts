import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './fixtures';

// `prefstream start` serves the dashboard from the pipeline's own store object (the embedded store admits
// one session per data directory). runPipeline (run.command.ts) opens its store itself, so start.command.ts
// mirrors it with the dashboard lines added. This fails when runPipeline changes and the mirror does not
// (the fix: make the same change in runPipelineWithDashboard, or let runPipeline take the store).
const bodyOf = (file: string, signature: string): string[] => {
  const text = fs.readFileSync(path.join(ROOT, 'apps', 'pipeline', 'src', 'commands', file), 'utf8');
  const start = text.indexOf(signature);
  if (start < 0) throw new Error(`${file}: "${signature}" not found`);
  const end = text.indexOf('\n}\n', start);
  return text.slice(text.indexOf('\n', start) + 1, end).split('\n').map((l) => l.trim()).filter((l) => l !== '');
};

it('start.command.ts runs the pipeline exactly as runPipeline does, plus the dashboard', () => {
  const pipeline = bodyOf('run.command.ts', 'export async function runPipeline(');
  const mirror = bodyOf('start.command.ts', 'async function runPipelineWithDashboard(');
  expect(mirror.filter((l) => !/dashboard/i.test(l))).toEqual(pipeline);
  expect(mirror.filter((l) => /dashboard/i.test(l)).length).toBeGreaterThanOrEqual(3);
});

it('start.command.ts stops within the same deadline as runPipeline', () => {
  const deadline = (file: string) => /const STOP_DEADLINE_MS = ([\d_]+);/.exec(fs.readFileSync(path.join(ROOT, 'apps', 'pipeline', 'src', 'commands', file), 'utf8'))?.[1];
  expect(deadline('start.command.ts')).toBe(deadline('run.command.ts'));
});
