import type { Store } from '@prefstream/clickhouse';
import { EffectsRefresher } from './effects-refresher';
import { simulatedVoteRows, temporaryStore } from './simulated-votes.test-helper';

const NOW = Date.now();
// Equal models and no ties: the outcome depends on the features alone, so the fit should recover them.
const STRENGTHS = { m1: 0, m2: 0 };
const EFFECTS = { tokens: 2, list_count: 0.5, bold_count: 0 };
let store: Store;
let dispose: () => Promise<void>;
beforeAll(async () => ({ store, dispose } = await temporaryStore('effects-refresher-')));
afterAll(() => dispose());

const options = { candidates: ['tokens', 'list_count', 'bold_count', 'emoji_count'], windows: [{ kind: 'cumulative' as const }, { kind: 'sliding' as const, minutes: 10 }], pageSize: 256 };
const table = (report: ReturnType<EffectsRefresher['report']>, window: string, segment: string) => report.tables.find((t) => t.window === window && t.segment === segment);

describe('EffectsRefresher (real chdb)', () => {
  const first = simulatedVoteRows({ seed: 11, n: 1500, strengths: STRENGTHS, withDiffs: 0.8, effects: EFFECTS, users: 3, tieShare: 0 });
  const second = simulatedVoteRows({ seed: 12, n: 900, strengths: STRENGTHS, withDiffs: 0.8, effects: EFFECTS, users: 3, tieShare: 0, startMs: Date.UTC(2025, 0, 1) + 1_500_000 });
  let live: EffectsRefresher;

  it('regresses vote outcomes on the stored feature differences, globally and per segment, per window', async () => {
    await store.insert('votes', first);
    live = new EffectsRefresher(store, options);
    const withDiffs = first.filter((r) => Object.keys(r.feature_diffs).length > 0).length;
    expect(await live.refresh(NOW)).toBe(withDiffs);
    const report = live.report();
    expect(report.features).toEqual(['tokens', 'list_count', 'bold_count']); // emoji_count never occurs
    const global = table(report, 'cumulative', 'global')!;
    expect(global.n).toBe(withDiffs);
    const coef = Object.fromEntries(global.effects.map((e) => [e.feature, e]));
    // Coefficients are per RMS difference: the true per-unit effect times the column's RMS (uniform(-0.8, 0.8): 0.46).
    expect(coef.tokens.ci_low).toBeLessThan(2 * coef.tokens.scale);
    expect(coef.tokens.ci_high).toBeGreaterThan(2 * coef.tokens.scale);
    expect(Math.abs(coef.bold_count.coef / coef.bold_count.se)).toBeLessThan(3); // no true effect
    expect(report.tables.map((t) => `${t.window} ${t.segment}`)).toEqual(expect.arrayContaining(['cumulative tenant:acme', 'cumulative model:m1', 'cumulative user:u0', 'sliding:10m global']));
    expect(table(report, 'sliding:10m', 'global')!.n).toBe(first.filter((r) => r.ts >= Date.UTC(2025, 0, 1) + 1_500_000 - 600_000 && Object.keys(r.feature_diffs).length > 0).length);
    const [{ rows }] = await store.query<{ rows: string }>("SELECT count() AS rows FROM effect_snapshots WHERE target = 'vote'");
    expect(Number(rows)).toBe(report.tables.reduce((n, t) => n + t.effects.length, 0));
  });

  it('drops a feature with too few non-zero differences, and rebuilds when the feature set changes', async () => {
    const sparse = simulatedVoteRows({ seed: 13, n: 10, strengths: STRENGTHS, withDiffs: 1, effects: { emoji_count: 1 }, idPrefix: 'sparse', startMs: Date.UTC(2025, 0, 1) + 1_400_000 });
    await store.insert('votes', sparse);
    await live.refresh(NOW + 1);
    expect(live.report().dropped).toEqual([{ feature: 'emoji_count', support: expect.any(Number) }]);
    const more = simulatedVoteRows({ seed: 14, n: 40, strengths: STRENGTHS, withDiffs: 1, effects: { emoji_count: 1, tokens: 1 }, idPrefix: 'more', startMs: Date.UTC(2025, 0, 1) + 1_450_000 });
    await store.insert('votes', more);
    await live.refresh(NOW + 2);
    expect(live.report().features).toContain('emoji_count');
    expect(table(live.report(), 'cumulative', 'global')!.n).toBe([...first, ...sparse, ...more].filter((r) => Object.keys(r.feature_diffs).length > 0).length);
  });

  it('warm incremental refits end where a fresh refresher over all the votes does (1e-6)', async () => {
    await store.insert('votes', second);
    await live.refresh(NOW + 3);
    const fresh = new EffectsRefresher(store, options);
    await fresh.refresh(NOW + 4);
    const [a, b] = [live.report(), fresh.report()];
    expect(a.tables.map((t) => `${t.window} ${t.segment} ${t.n}`)).toEqual(b.tables.map((t) => `${t.window} ${t.segment} ${t.n}`));
    a.tables.forEach((t, k) => t.effects.forEach((e, j) => {
      expect(Math.abs(e.coef - b.tables[k].effects[j].coef)).toBeLessThan(1e-6);
      expect(Math.abs(e.se - b.tables[k].effects[j].se)).toBeLessThan(1e-6);
    }));
  });
});
