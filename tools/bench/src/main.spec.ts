import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.join(__dirname, '..', '..', '..');

// Smoke test only: the harness runs with --quick and reports in its documented shape. No figures are
// asserted here (performance belongs to `npm run bench`, not to the test suite).
describe('bench harness', () => {
  it('runs a quick benchmark and prints JSON plus a Markdown summary', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'summary.md');
    const stdout = execFileSync(process.execPath, ['bin/run-ts.js', 'tools/bench/src/main.ts', '--quick', '--only', 'operator-chain', '--out', out], { cwd: root, encoding: 'utf8' });
    const results = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ name: 'operator-chain', repeats: 2, baseline: { name: expect.any(String) } });
    expect(results[0].error).toBeUndefined();
    expect(Object.keys(results[0].ratio).sort()).toEqual(['max', 'median', 'min']);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/\| operator-chain \| [\d,]+ \(/);
  }, 120000);

  it('refuses an unknown benchmark name', () => {
    expect(() => execFileSync(process.execPath, ['bin/run-ts.js', 'tools/bench/src/main.ts', '--only', 'nope'], { cwd: root, stdio: 'pipe' })).toThrow(/unknown benchmark/);
  });

  it('refuses a soak length that is not a positive number', () => {
    expect(() => execFileSync(process.execPath, ['bin/run-ts.js', 'tools/bench/src/main.ts', '--only', 'memory-soak', '--soak-minutes', '0'], { cwd: root, stdio: 'pipe' })).toThrow(/--soak-minutes must be a positive number/);
  });
});
