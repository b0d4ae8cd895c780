import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RatingsReport } from '../analysis/ratings-report';
import { cli, queryRows } from '../analysis/cli-runner.test-helper';
import { DATASETS_DIR, describeWithDatasets } from '../analysis/datasets.test-helper';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ratings-cmd-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Battle { model_a: string; model_b: string; winner: string; anony: boolean }

function readLeaderboard(): Map<string, { anony: number; full: number }> {
  const [header, ...lines] = fs.readFileSync(path.join(DATASETS_DIR, 'genai-arena', 'leaderboard_20240220.csv'), 'utf8').trim().split('\n');
  const columns = header.split(',');
  const at = (name: string) => columns.indexOf(name);
  return new Map(lines.map((line) => line.split(',')).map((c) => [c[at('key')], { anony: Number(c[at('Arena Elo rating (anony)')]), full: Number(c[at('Arena Elo rating (full)')]) }]));
}

/**
 * Gradient of the arena objective (each battle twice, a tie a win in one copy and a loss in the other,
 * + 1/2 ||beta||^2) at the printed ratings, summed battle by battle from the raw file.
 */
function rowLevelGradient(battles: Battle[], ratings: Map<string, number>): number {
  const s = Math.log(10);
  const beta = new Map([...ratings].map(([m, r]) => [m, (r - 1000) / 400]));
  const g = new Map([...beta].map(([m, b]) => [m, b]));
  for (const b of battles) {
    if (b.model_a === b.model_b) continue;
    const p = 1 / (1 + Math.exp(-s * (beta.get(b.model_a)! - beta.get(b.model_b)!)));
    const labels = b.winner === 'model_a' ? [1, 1] : b.winner === 'model_b' ? [0, 0] : [1, 0];
    for (const y of labels) {
      g.set(b.model_a, g.get(b.model_a)! + s * (p - y));
      g.set(b.model_b, g.get(b.model_b)! - s * (p - y));
    }
  }
  return Math.sqrt([...g.values()].reduce((a, x) => a + x * x, 0));
}

const bestFirst = (entries: [string, number][]) => [...entries].sort((x, y) => y[1] - x[1]).map(([m]) => m);

describeWithDatasets('prefstream ratings: GenAI-Arena replayed through the pipeline reproduces the published leaderboard', () => {
  const store = path.join(dir, 'arena-store');
  const battles = () => JSON.parse(fs.readFileSync(path.join(DATASETS_DIR, 'genai-arena', 'clean_battle_20240220.json'), 'utf8')) as Battle[];
  let streamed: Map<string, Map<string, { rating: number; gradient_norm: number }>>;

  beforeAll(async () => {
    // Small batches with a refresh after each: the snapshots are refitted warm as the votes stream in.
    const replay = await cli('replay', '--source', `arena:${path.join(DATASETS_DIR, 'genai-arena', 'clean_battle_20240220.json')}`, '--store', store, '--batch-size', '400', '--refresh-every', '1', '--json');
    expect(replay.code).toBe(0);
    expect(JSON.parse(replay.out)).toMatchObject({ read: 2061, valid: 2061, analysis: { votes: 2061, refreshes: 7 } }); // one per batch, then the final one
    const rows = await queryRows<{ scope: string; model: string; rating: number; gradient_norm: number }>(store, `
      SELECT scope, model, rating, gradient_norm FROM rating_snapshots
      WHERE method = 'bradley_terry' AND computed_at = (SELECT max(computed_at) FROM rating_snapshots)`);
    streamed = new Map();
    for (const r of rows) streamed.set(r.scope, (streamed.get(r.scope) ?? new Map()).set(r.model, r));
  }, 120_000);

  it.each([['anony', ['--anony'], 'global/anonymous'], ['full', [], 'global']] as const)('(%s): same order as the leaderboard, every rating within 2.6 Elo, at the exact optimum', async (column, flags, scope) => {
    const { code, out } = await cli('ratings', '--store', store, ...flags, '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out) as RatingsReport;
    const published = readLeaderboard();
    const selected = battles().filter((b) => column === 'full' || b.anony);
    expect(report.scope).toBe(scope);
    expect(report.votes).toBe(selected.filter((b) => b.model_a !== b.model_b).length);
    expect(report.models).toHaveLength(published.size);
    const deviation = Math.max(...report.models.map((m) => Math.abs(m.rating - published.get(m.model)![column])));
    const printed = new Map(report.models.map((m) => [m.model, m.rating]));
    const independent = rowLevelGradient(selected, printed);
    const fromStream = streamed.get(scope)!;
    const streamDeviation = Math.max(...report.models.map((m) => Math.abs(m.rating - fromStream.get(m.model)!.rating)));
    console.log(`GenAI-Arena (${column}) through the pipeline: ${report.votes} votes, ${report.models.length} models, max |rating - published| ${deviation.toFixed(3)} Elo, gradient norm ${report.gradient_norm!.toExponential(2)} (row-level from the raw file: ${independent.toExponential(2)}); streamed snapshot: gradient ${[...fromStream.values()][0].gradient_norm.toExponential(2)}, max |streamed - printed| ${streamDeviation.toExponential(2)} Elo`);

    expect(report.models.map((m) => m.model)).toEqual(bestFirst([...published].map(([m, r]) => [m, r[column]])));
    expect(deviation).toBeLessThan(2.6);
    expect(report.gradient_norm!).toBeLessThan(1e-9);
    expect(independent).toBeLessThan(1e-8);
    for (const m of report.models) {
      expect(m.ci_low).toBeLessThan(m.rating);
      expect(m.ci_high).toBeGreaterThan(m.rating);
      expect(m.votes).toBeGreaterThan(0);
    }
    // The snapshot the streaming refreshes left is the same optimum.
    expect([...fromStream.values()].every((r) => r.gradient_norm < 1e-9)).toBe(true);
    expect(streamDeviation).toBeLessThan(1e-6);
    expect(report.style).toBeNull(); // the battle file has no response text
  }, 60_000);

  it('stores what it prints, with the votes behind each rating', async () => {
    const { out } = await cli('ratings', '--store', store, '--anony', '--json', '--bootstrap-rounds', '200');
    const report = JSON.parse(out) as RatingsReport;
    const stored = await queryRows<{ model: string; rating: number; ci_low: number; rank: number; votes: string }>(store, `
      SELECT model, rating, ci_low, rank, votes FROM rating_snapshots
      WHERE scope = 'global/anonymous' AND method = 'bradley_terry' AND computed_at = (SELECT max(computed_at) FROM rating_snapshots) ORDER BY rating DESC`);
    expect(stored.map((r) => ({ model: r.model, rating: r.rating, ci_low: r.ci_low, rank: r.rank, votes: Number(r.votes) }))).toEqual(report.models.map(({ model, rating, ci_low, rank, votes }) => ({ model, rating, ci_low, rank, votes })));
  }, 60_000);

  it('prints a readable table without --json', async () => {
    const { code, out } = await cli('ratings', '--store', store, '--tenant', 'genai-arena', '--bootstrap-rounds', '100');
    expect(code).toBe(0);
    expect(out).toMatch(/^tenant:genai-arena: 2060 votes, Bradley-Terry gradient norm \d\.\de-\d+\nrank\s+model\s+rating\s+95% interval\s+votes\s+online elo\n/);
    expect(out).toMatch(/style control: no vote in this scope carries both responses/);
  }, 60_000);
});

describe('prefstream ratings (real chdb)', () => {
  it('reports an empty scope on a store without votes', async () => {
    const { code, out } = await cli('ratings', '--store', path.join(dir, 'empty-store'), '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ scope: 'global', computed_at: null, votes: 0, gradient_norm: null, models: [], elo: [], style: null });
  });

  it('explains a bad --bootstrap-rounds with exit code 2', async () => {
    expect(await cli('ratings', '--store', path.join(dir, 'empty-store'), '--bootstrap-rounds', '0')).toMatchObject({ code: 2, err: expect.stringMatching(/--bootstrap-rounds must be a positive integer/) });
  });
});
