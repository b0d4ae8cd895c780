import { createRowWindow } from './row-window';

const M = 60_000;

describe('row windows', () => {
  it('sliding: keeps exactly the rows of the last W minutes, oldest first, and refuses rows already out', () => {
    const w = createRowWindow({ kind: 'sliding', minutes: 3 }, 2);
    for (let minute = 0; minute < 6; minute++) for (let k = 0; k < minute + 1; k++) w.add(minute * M, [minute, k]);
    expect(w.size).toBe(4 + 5 + 6);
    const rows = w.rows();
    const minutes = Array.from({ length: rows.length / 2 }, (_, r) => rows[2 * r]);
    expect(minutes).toEqual([3, 3, 3, 3, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5]);
    expect(w.add(2 * M, [2, 0])).toBe(false); // left the window
    expect(w.add(4 * M, [4, 9])).toBe(true); // late but inside
    expect(w.size).toBe(16);
    expect(w.label).toBe('sliding:3m');
  });

  it('sliding: caps rows per minute (memory bound) with a sample of that minute', () => {
    const w = createRowWindow({ kind: 'sliding', minutes: 2, maxRowsPerMinute: 10 }, 1);
    for (let k = 0; k < 1000; k++) w.add(0, [k]);
    expect(w.size).toBe(10);
    expect(new Set(w.rows()).size).toBe(10);
  });

  it('cumulative: keeps everything up to maxRows, then a uniform sample', () => {
    const w = createRowWindow({ kind: 'cumulative', maxRows: 100 }, 1, 3);
    for (let k = 0; k < 50; k++) w.add(k * M, [k]);
    expect(Array.from(w.rows())).toEqual(Array.from({ length: 50 }, (_, k) => k));
    for (let k = 50; k < 10_000; k++) w.add(0, [k]);
    expect(w.size).toBe(100);
    const mean = w.rows().reduce((a, b) => a + b, 0) / 100;
    expect(Math.abs(mean - 5000)).toBeLessThan(5 * Math.sqrt(10_000 ** 2 / 12 / 100)); // uniform over 0..9999
  });
});
