import { snapshotsOf } from './snapshot-rows';

describe('snapshotsOf', () => {
  it('groups rows by computed_at, oldest first, keeping their order within a snapshot', () => {
    const rows = [
      { computed_at: 20, id: 'a' }, { computed_at: 10, id: 'b' }, { computed_at: 20, id: 'c' }, { computed_at: 10, id: 'd' }, { computed_at: 30, id: 'e' },
    ];
    expect(snapshotsOf(rows).map((s) => [s.computedAt, s.rows.map((r) => r.id)])).toEqual([[10, ['b', 'd']], [20, ['a', 'c']], [30, ['e']]]);
    expect(snapshotsOf([])).toEqual([]);
  });
});
