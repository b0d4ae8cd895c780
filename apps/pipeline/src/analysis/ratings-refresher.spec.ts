import type { Store } from '@prefstream/clickhouse';
import { fitBradleyTerry, fitStyleControl, PairwiseCounts, VoteRowStore } from '@prefstream/stats';
import { RatingsRefresher } from './ratings-refresher';
import { simulatedVoteRows, temporaryStore } from './simulated-votes.test-helper';

const STRENGTHS = { m1: 0.3, m2: 0.1, m3: 0, m4: -0.25 };
// Snapshot tables expire rows after 400 days, so refresh times must be recent.
const NOW = Date.now();
let store: Store;
let dispose: () => Promise<void>;
beforeAll(async () => ({ store, dispose } = await temporaryStore('ratings-refresher-')));
afterAll(() => dispose());

const pair = (r: { model_a: string; model_b: string; winner: 'a' | 'b' | 'tie' | 'both_bad' }) => ({ modelA: r.model_a, modelB: r.model_b, winner: r.winner });
function coldFit(rows: ReturnType<typeof simulatedVoteRows>) {
  const counts = new PairwiseCounts();
  for (const r of rows) counts.add(pair(r));
  return fitBradleyTerry(counts);
}
const ratingOf = (fit: ReturnType<typeof coldFit>, model: string) => fit.ratings[fit.models.indexOf(model)];

describe('RatingsRefresher (real chdb)', () => {
  const first = simulatedVoteRows({ seed: 1, n: 600, strengths: STRENGTHS, withDiffs: 0.5, effects: { tokens: 1.5, list_count: 0.4 } });
  const second = simulatedVoteRows({ seed: 2, n: 300, strengths: STRENGTHS, withDiffs: 0.5, effects: { tokens: 1.5, list_count: 0.4 }, startMs: Date.UTC(2025, 0, 1) + 600_000 });
  const refresher = () => new RatingsRefresher(store, { bootstrapRounds: 200, pageSize: 128 });
  let live: RatingsRefresher;

  it('fits every scope from the stored votes: the exact Bradley-Terry optimum, intervals around it, snapshots with vote counts', async () => {
    await store.insert('votes', first);
    live = refresher();
    expect(await live.refresh(NOW + 1_000)).toBe(600);
    expect(live.scopeNames).toEqual(['global', 'global/anonymous', 'tenant:acme', 'tenant:acme/anonymous']);
    const report = live.report('global');
    const cold = coldFit(first);
    expect(report.votes).toBe(600);
    expect(report.gradient_norm!).toBeLessThan(1e-9);
    expect(report.models.map((m) => m.model)).toEqual(['m1', 'm2', 'm3', 'm4']);
    for (const m of report.models) {
      expect(Math.abs(m.rating - ratingOf(cold, m.model))).toBeLessThan(1e-6);
      expect(m.ci_low).toBeLessThanOrEqual(m.rating);
      expect(m.ci_high).toBeGreaterThanOrEqual(m.rating);
    }
    expect(report.elo.map((e) => e.model).sort()).toEqual(['m1', 'm2', 'm3', 'm4']);
    const anonymous = live.report('global/anonymous');
    const coldAnonymous = coldFit(first.filter((r) => r.anonymous === 1));
    expect(anonymous.votes).toBe(first.filter((r) => r.anonymous === 1).length);
    for (const m of anonymous.models) expect(Math.abs(m.rating - ratingOf(coldAnonymous, m.model))).toBeLessThan(1e-6);

    const stored = await store.query<{ method: string; n: string; votes: string }>(
      "SELECT method, count() AS n, sum(votes) AS votes FROM rating_snapshots WHERE scope = {scope:String} GROUP BY method ORDER BY method", { scope: 'global' });
    // Each vote is counted once for each of its two models.
    expect(stored.map((r) => [r.method, Number(r.n)])).toEqual([['bradley_terry', 4], ['elo', 4], ['style_control', 4]]);
    expect(Number(stored.find((r) => r.method === 'bradley_terry')!.votes)).toBe(1200);
  });

  it('controls for style over the votes with feature differences only, as a direct style fit of those rows', async () => {
    const style = live.report('global').style!;
    const rows = new VoteRowStore({ covariates: ['tokens', 'header_count', 'list_count', 'bold_count'] });
    for (const r of first) if (Object.keys(r.feature_diffs).length > 0) rows.add({ ...pair(r), covariates: r.feature_diffs });
    const direct = fitStyleControl(rows);
    expect(style.votes).toBe(rows.size);
    expect(style.gradient_norm!).toBeLessThan(1e-9);
    expect(style.coefficients.map((c) => c.feature)).toEqual(['tokens', 'list_count']); // constant columns have no estimate
    for (const c of style.coefficients) expect(Math.abs(c.coef - direct.style.find((d) => d.feature === c.feature)!.coef)).toBeLessThan(1e-6);
    expect(style.coefficients[0].ci_low).toBeGreaterThan(0); // the simulated length effect is found
    const stored = await store.query<{ feature: string; coef: number }>("SELECT feature, coef FROM effect_snapshots WHERE target = 'style_control' AND segment = 'global' ORDER BY feature");
    expect(stored.map((r) => r.feature)).toEqual(['list_count', 'tokens']);
  });

  it('reads only new votes on the next refresh, picks up a late vote, never counts a re-inserted one twice, and ends at the cold fit', async () => {
    await store.insert('votes', second);
    const late = simulatedVoteRows({ seed: 3, n: 5, strengths: STRENGTHS, startMs: Date.UTC(2025, 0, 1) + 850_000, idPrefix: 'late' });
    await store.insert('votes', late);
    await store.insert('votes', first.slice(0, 50)); // a duplicate delivery of old votes
    expect(await live.refresh(NOW + 2_000)).toBe(305);
    const all = [...first, ...second, ...late];
    const cold = coldFit(all);
    const report = live.report('global');
    expect(report.votes).toBe(905);
    expect(report.gradient_norm!).toBeLessThan(1e-9);
    for (const m of report.models) expect(Math.abs(m.rating - ratingOf(cold, m.model))).toBeLessThan(1e-6);
    expect(await live.refresh(NOW + 3_000)).toBe(0);
    expect(live.report('global').computed_at).toBe(new Date(NOW + 2_000).toISOString()); // nothing new: no refit, no snapshot
    const [{ snapshots }] = await store.query<{ snapshots: string }>("SELECT uniqExact(computed_at) AS snapshots FROM rating_snapshots WHERE scope = 'global'");
    expect(Number(snapshots)).toBe(2);
  });

  it('a fresh refresher over the same store gives the same ratings', async () => {
    const fresh = refresher();
    await fresh.refresh(NOW + 4_000);
    const [a, b] = [live.report('global'), fresh.report('global')];
    expect(b.votes).toBe(a.votes);
    b.models.forEach((m, k) => expect(Math.abs(m.rating - a.models[k].rating)).toBeLessThan(1e-6));
  });
});
