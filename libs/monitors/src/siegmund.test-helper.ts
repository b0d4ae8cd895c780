/**
 * Siegmund's (1985) approximation of a one-sided CUSUM's zero-state average run length for a mean
 * shift delta (in SDs): ARL = (exp(-2 D b) + 2 D b - 1) / (2 D^2), D = delta - k, b = h + 1.166
 * (b^2 in the limit D = 0). Accurate to a few percent for k = 0.5 and h >= 3 (e.g. h = 4: 338 against
 * the exact 336 in control, 8.34 against 8.38 at delta = 1). A two-sided chart's in-control ARL is
 * about half the one-sided one (1/ARL = 1/ARL+ + 1/ARL-).
 */
export function siegmundArl(delta: number, k: number, h: number): number {
  const d = delta - k;
  const b = h + 1.166;
  return Math.abs(d) < 1e-12 ? b * b : (Math.exp(-2 * d * b) + 2 * d * b - 1) / (2 * d * d);
}
