/**
 * Reference solver for tests: Nesterov-accelerated gradient descent on
 * sum_r [ -y log p - (1 - y) log(1 - p) ] + penalty / 2 * sum_{k >= firstPenalised} theta_k^2,
 * with the step 1 / L from the trace bound L = 1/4 sum ||x||^2 + penalty. It shares no code with the
 * Newton path and stops only when the gradient norm is below `tolerance`.
 */
export function gradientDescentLogistic(rows: readonly { x: readonly number[]; y: number }[], options: { penalty: number; firstPenalised?: number; tolerance?: number }): number[] {
  const { penalty, firstPenalised = 0, tolerance = 1e-9 } = options;
  const p = rows[0].x.length;
  const lipschitz = 0.25 * rows.reduce((s, r) => s + r.x.reduce((a, v) => a + v * v, 0), 0) + penalty;
  const gradient = (theta: number[]) => {
    const g = theta.map((t, k) => (k >= firstPenalised ? penalty * t : 0));
    for (const { x, y } of rows) {
      let eta = 0;
      for (let k = 0; k < p; k++) eta += x[k] * theta[k];
      const residual = 1 / (1 + Math.exp(-eta)) - y;
      for (let k = 0; k < p; k++) if (x[k] !== 0) g[k] += residual * x[k];
    }
    return g;
  };
  let theta = new Array<number>(p).fill(0);
  let previous = theta;
  for (let it = 1; it < 200_000; it++) {
    const momentum = (it - 1) / (it + 2);
    const lookahead = theta.map((t, k) => t + momentum * (t - previous[k]));
    const g = gradient(lookahead);
    previous = theta;
    theta = lookahead.map((t, k) => t - g[k] / lipschitz);
    if (it % 10 === 0 && Math.sqrt(gradient(theta).reduce((s, v) => s + v * v, 0)) < tolerance) return theta;
  }
  throw new Error('gradient descent did not converge');
}
