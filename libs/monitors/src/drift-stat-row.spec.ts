import { driftStatRow } from './drift-stat-row';

describe('driftStatRow', () => {
  const base = { computed_at: 60_000, tenant: 'acme', monitor: 'drift', subject: 'm1@v1/implicit_reward', threshold: 8 };

  it('serialises details as JSON and the flag as 0/1', () => {
    const row = driftStatRow({ ...base, statistic: 2.5, drifted: true, details: { metric: 'implicit_reward', z: -1.5 } });
    expect(row).toEqual({ ...base, statistic: 2.5, drifted: 1, details: '{"metric":"implicit_reward","z":-1.5}' });
    expect(driftStatRow({ ...base, statistic: 1, drifted: false, details: {} }).drifted).toBe(0);
  });

  it('keeps the numeric columns finite (the table rejects NaN and infinities)', () => {
    expect(driftStatRow({ ...base, statistic: Infinity, drifted: true, details: {} }).statistic).toBe(Number.MAX_VALUE);
    expect(driftStatRow({ ...base, statistic: -Infinity, drifted: true, details: {} }).statistic).toBe(-Number.MAX_VALUE);
    expect(driftStatRow({ ...base, statistic: NaN, drifted: false, details: {} }).statistic).toBe(0);
  });
});
