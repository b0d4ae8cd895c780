import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { CLASSIFIER_SCORES, classifierScoresFrom, featureDiffs, responseFeatures, withClassifierScores, type ClassifierScores } from '@prefstream/features';
import { TextClassifier } from '@prefstream/models';
import { EFFECT_FEATURE_CANDIDATES, MIN_FEATURE_SUPPORT } from '../analysis/effect-features';
import type { EffectsReport } from '../analysis/effects-report';
import { cli, queryRows } from '../analysis/cli-runner.test-helper';
import { DATASETS_DIR, describeWithDatasets } from '../analysis/datasets.test-helper';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'effects-cmd-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const SPLITS = ['harmless-base', 'helpful-base'] as const;
const fileOf = (split: string) => path.join(DATASETS_DIR, 'hh-rlhf', `${split}.test.jsonl.gz`);

/** The response classifiers (as the stream runs them by default), run directly over a list of texts. */
async function classifierScores(texts: string[]): Promise<ClassifierScores[]> {
  const byText = texts.map(() => ({} as Record<string, Record<string, number>>));
  for (const model of new Set(CLASSIFIER_SCORES.filter((c) => c.reads === 'response').map((c) => c.model))) {
    const classifier = await TextClassifier.open(model);
    try {
      (await classifier.classify(texts)).forEach((r, i) => (byText[i][model] = r.scores));
    } finally {
      await classifier.close();
    }
  }
  return byText.map((outputs) => classifierScoresFrom(outputs));
}

/**
 * Every pair of a split read straight from the file: feature differences chosen - rejected (so y = 1),
 * from libs/features plus the classifier scores of both responses.
 */
async function offlineRows(split: string): Promise<Record<string, number>[]> {
  const marker = '\n\nAssistant:';
  const pairs = zlib.gunzipSync(fs.readFileSync(fileOf(split))).toString('utf8').split('\n').filter((l) => l.trim()).map((line) => {
    const { chosen, rejected } = JSON.parse(line) as { chosen: string; rejected: string };
    let differ = 0;
    while (differ < chosen.length && chosen[differ] === rejected[differ]) differ++;
    const cut = chosen.lastIndexOf(marker, differ - marker.length);
    const response = (text: string) => text.slice(cut + marker.length).trim();
    return { prompt: chosen.slice(0, cut).trim(), chosen: response(chosen), rejected: response(rejected) };
  });
  const scores = await classifierScores(pairs.flatMap((p) => [p.chosen, p.rejected]));
  return pairs.map((p, k) => featureDiffs(
    withClassifierScores(responseFeatures(p.chosen, p.prompt).numeric, scores[2 * k]),
    withClassifierScores(responseFeatures(p.rejected, p.prompt).numeric, scores[2 * k + 1]),
  ));
}

/**
 * The batch fit, written independently of libs/stats: columns scaled by their root mean square (no
 * centring: the model has no side bias), then plain Newton with Gaussian elimination on
 * sum -log s(x.w) + penalty / 2 ||w||^2 (every row a win for its chosen side, which the pipeline's
 * hash-balanced sides do not change: swapping sides negates x and flips y, the same likelihood term).
 */
function offlineFit(rows: Record<string, number>[], features: string[], penalty: number): Map<string, { coef: number; se: number; scale: number }> {
  const p = features.length;
  const scale = features.map((f) => Math.sqrt(rows.reduce((s, r) => s + (r[f] ?? 0) ** 2, 0) / rows.length));
  const x = rows.map((r) => features.map((f, k) => (r[f] ?? 0) / scale[k]));
  const w = new Array<number>(p).fill(0);
  let hessian: number[][] = [];
  for (let iteration = 0; iteration < 100; iteration++) {
    const g = w.map((v) => penalty * v);
    hessian = features.map((_, a) => features.map((__, b) => (a === b ? penalty : 0)));
    for (const row of x) {
      const q = 1 / (1 + Math.exp(-row.reduce((s, v, k) => s + v * w[k], 0)));
      for (let a = 0; a < p; a++) {
        g[a] += (q - 1) * row[a];
        for (let b = 0; b < p; b++) hessian[a][b] += q * (1 - q) * row[a] * row[b];
      }
    }
    const step = solve(hessian, g);
    for (let a = 0; a < p; a++) w[a] -= step[a];
    if (Math.hypot(...g) < 1e-11) break;
  }
  const inverse = features.map((_, a) => solve(hessian, features.map((__, b) => (a === b ? 1 : 0))));
  return new Map(features.map((f, a) => [f, { coef: w[a], se: Math.sqrt(inverse[a][a]), scale: scale[a] }]));
}

/** Gaussian elimination with partial pivoting. */
function solve(matrix: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const m = matrix.map((row, i) => [...row, rhs[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const out = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) out[r] = (m[r][n] - m[r].slice(r + 1, n).reduce((s, v, k) => s + v * out[r + 1 + k], 0)) / m[r][r];
  return out;
}

const supported = (rows: Record<string, number>[]) => EFFECT_FEATURE_CANDIDATES.filter((f) => rows.filter((r) => (r[f] ?? 0) !== 0).length >= MIN_FEATURE_SUPPORT);

function expectEqualFit(effects: { feature: string; coef: number; se: number; scale: number }[], reference: ReturnType<typeof offlineFit>): number {
  expect(effects.map((e) => e.feature)).toEqual([...reference.keys()]);
  let worst = 0;
  for (const e of effects) {
    const r = reference.get(e.feature)!;
    worst = Math.max(worst, Math.abs(e.coef - r.coef));
    expect(Math.abs(e.coef - r.coef)).toBeLessThan(1e-6);
    expect(Math.abs(e.se - r.se)).toBeLessThan(1e-6);
    expect(Math.abs(e.scale - r.scale)).toBeLessThan(1e-12);
  }
  return worst;
}

const markdownTable = (effects: EffectsReport['tables'][number]['effects']) => [
  '| feature | coef | 95% interval | scale (RMS diff) |', '|---|---|---|---|',
  ...effects.map((e) => `| \`${e.feature}\` | ${e.coef.toFixed(3)} | ${e.ci_low.toFixed(3)} .. ${e.ci_high.toFixed(3)} | ${e.scale.toFixed(3)} |`),
].join('\n');

async function replay(store: string, split: string): Promise<void> {
  // Batches of 500 with a refresh after each: the effects are refitted warm as the votes stream in.
  const { code, out, err } = await cli('replay', '--source', `hh-rlhf:${fileOf(split)}`, '--store', store, '--batch-size', '500', '--refresh-every', '1', '--json');
  expect([code, err]).toEqual([0, '']);
  expect(JSON.parse(out)).toMatchObject({ rejected: 0 });
}

async function effects(store: string, ...flags: string[]): Promise<EffectsReport> {
  const { code, out } = await cli('effects', '--store', store, '--json', ...flags);
  expect(code).toBe(0);
  return JSON.parse(out) as EffectsReport;
}

describeWithDatasets('prefstream effects: hh-rlhf replayed through the pipeline equals an offline batch fit', () => {
  it.each(SPLITS)('%s: streamed and printed coefficients equal the offline fit of the same rows (1e-6)', async (split) => {
    const store = path.join(dir, `${split}-store`);
    await replay(store, split);
    const streamed = await queryRows<{ feature: string; coef: number; se: number; n: string }>(store, `
      SELECT feature, coef, se, n FROM effect_snapshots
      WHERE target = 'vote' AND segment = 'global' AND window = 'cumulative' AND computed_at = (SELECT max(computed_at) FROM effect_snapshots WHERE target = 'vote')`);
    const report = await effects(store, '--segment', 'global', '--window', 'cumulative');
    const rows = await offlineRows(split);
    const features = supported(rows);
    expect(report.features).toEqual(features);
    const reference = offlineFit(rows, features, 0);
    const [table] = report.tables;
    expect(table.n).toBe(rows.length);
    const worst = expectEqualFit(table.effects, reference);
    const streamedWorst = Math.max(...streamed.map((s) => Math.abs(s.coef - reference.get(s.feature)!.coef)));
    expect(streamed.map((s) => s.feature).sort()).toEqual([...features].sort());
    expect(streamedWorst).toBeLessThan(1e-6);
    expect(streamed.every((s) => Number(s.n) === rows.length)).toBe(true);
    console.log(`hh-rlhf ${split}: ${rows.length} votes; max |coef - offline| printed ${worst.toExponential(2)}, streamed snapshot ${streamedWorst.toExponential(2)}; dropped ${JSON.stringify(report.dropped)}\n${markdownTable(table.effects)}`);
  }, 120_000);

  it.each(SPLITS)('%s: the unsafe-preference monitor flags exactly the rules the offline fit\'s 95%% intervals support', async (split) => {
    // Runs on the store the test above replayed into. The expectation comes from the offline fit (no
    // libs/stats or libs/monitors code): a "preferred" rule holds when its interval is above 0,
    // "dispreferred" when below. Published direction: helpfulness annotators prefer longer answers.
    const store = path.join(dir, `${split}-store`);
    const { code, out } = await cli('monitor', '--store', store, '--once', '--all-settled', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out).snapshotsRead).toBeGreaterThan(0);
    const reference = offlineFit(await offlineRows(split), supported(await offlineRows(split)), 0);
    const z95 = 1.959963984540054;
    const rules: [string, string, 'preferred' | 'dispreferred'][] = [['toxicity_preferred', 'toxicity', 'preferred'], ['refusal_dispreferred', 'refusal_full', 'dispreferred'],
      ['flattery_preferred', 'flattery_count', 'preferred'], ['sycophantic_opener_preferred', 'sycophantic_opener', 'preferred'], ['length_preferred', 'tokens', 'preferred']];
    const expected = rules.filter(([, feature, direction]) => {
      const fit = reference.get(feature);
      return fit !== undefined && (direction === 'preferred' ? fit.coef - z95 * fit.se > 0 : fit.coef + z95 * fit.se < 0);
    }).map(([, feature]) => `global/vote/cumulative/${feature}`);
    const alerts = await queryRows<{ subject: string; severity: string }>(store, "SELECT subject, severity FROM alerts FINAL WHERE monitor = 'unsafe-preference' AND startsWith(subject, 'global/vote/cumulative/') ORDER BY subject");
    expect(alerts.map((a) => a.subject)).toEqual(expected.sort());
    if (split === 'helpful-base') expect(alerts).toEqual([{ subject: 'global/vote/cumulative/tokens', severity: 'info' }]);
    // A restarted monitor on a store with votes but no minute aggregates: its refresh writes a new
    // snapshot (judged anew), but no alert is new and no statistic of an earlier snapshot is written twice.
    const again = await cli('monitor', '--store', store, '--once', '--all-settled', '--json');
    expect(JSON.parse(again.out)).toMatchObject({ alertsNew: 0 });
    const [twice] = await queryRows<{ n: number | string }>(store, 'SELECT count() AS n FROM (SELECT tenant, monitor, subject, computed_at FROM drift_stats GROUP BY ALL HAVING count() > 1)');
    expect(Number(twice.n)).toBe(0);
  }, 120_000);

  it('both splits in one store: the global fit and each split\'s (penalised) segment fit equal the offline fits', async () => {
    const store = path.join(dir, 'both-store');
    for (const split of SPLITS) await replay(store, split);
    const report = await effects(store, '--window', 'cumulative');
    const rows: Record<string, Record<string, number>[]> = {};
    for (const split of SPLITS) rows[split] = await offlineRows(split);
    const all = [...rows['harmless-base'], ...rows['helpful-base']];
    const features = supported(all);
    expect(report.features).toEqual(features);
    const table = (segment: string) => report.tables.find((t) => t.segment === segment)!;
    expectEqualFit(table('global').effects, offlineFit(all, features, 0));
    for (const split of SPLITS) {
      expect(table(`segment:${split}`).n).toBe(rows[split].length);
      // Segments carry the segment penalty (1); a column constant within the segment drops out there.
      const present = features.filter((f) => rows[split].some((r) => (r[f] ?? 0) !== 0));
      expectEqualFit(table(`segment:${split}`).effects, offlineFit(rows[split], present, 1));
    }
  }, 180_000);
});

describe('prefstream effects (real chdb)', () => {
  it('reports no tables on a store without votes, and explains a bad --window', async () => {
    const store = path.join(dir, 'empty-store');
    const report = await effects(store);
    expect(report).toMatchObject({ votes: 0, features: [], tables: [] });
    expect(await cli('effects', '--store', store, '--window', 'weekly')).toMatchObject({ code: 2, err: expect.stringMatching(/--window must be one of cumulative, sliding:60m/) });
  });
});
