import { slope } from './memory-soak.bench';

describe('slope (least squares, the soak growth figure)', () => {
  it('recovers the slope of a noisy line, against the closed form', () => {
    const points = Array.from({ length: 50 }, (_, i) => ({ x: i / 10, y: 300 + 2.5 * (i / 10) + (i % 2 ? 0.3 : -0.3) }));
    const n = points.length;
    const sx = points.reduce((s, p) => s + p.x, 0);
    const sy = points.reduce((s, p) => s + p.y, 0);
    const sxy = points.reduce((s, p) => s + p.x * p.y, 0);
    const sxx = points.reduce((s, p) => s + p.x * p.x, 0);
    expect(slope(points)).toBeCloseTo((n * sxy - sx * sy) / (n * sxx - sx * sx), 10);
    expect(slope(points)).toBeCloseTo(2.5, 1);
  });

  it('is zero for a flat series and undefined for fewer than two points', () => {
    expect(slope([{ x: 0, y: 5 }, { x: 1, y: 5 }, { x: 2, y: 5 }])).toBe(0);
    expect(slope([{ x: 0, y: 5 }])).toBeNaN();
  });
});
