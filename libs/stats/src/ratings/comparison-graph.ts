/**
 * When does an unpenalised Bradley-Terry fit have a finite maximum? Ford (1957): iff within each
 * connected group of models, every split into two non-empty parts has some model on each side that
 * beat (or tied) one on the other: the directed graph "i beat or tied j" restricted to each weakly
 * connected component is strongly connected. Models that never met (separate components; e.g. image
 * generation and image editing models in GenAI-Arena) are not comparable, and without a penalty each
 * component only fixes differences within itself.
 */
export interface DirectedComparison {
  /** i beat or tied j */
  from: number;
  to: number;
}

export interface ComparisonComponents {
  /** Weakly connected component of each node, numbered 0..count-1 in order of first node. */
  component: Int32Array;
  count: number;
  /** Every component strongly connected: the unpenalised maximum is finite. */
  finiteMaximum: boolean;
}

export function comparisonComponents(n: number, edges: readonly DirectedComparison[]): ComparisonComponents {
  const forward: number[][] = Array.from({ length: n }, () => []);
  const backward: number[][] = Array.from({ length: n }, () => []);
  for (const { from, to } of edges) {
    forward[from].push(to);
    backward[to].push(from);
  }
  // Weak components by search over both directions.
  const component = new Int32Array(n).fill(-1);
  let count = 0;
  for (let start = 0; start < n; start++) {
    if (component[start] >= 0) continue;
    const stack = [start];
    component[start] = count;
    while (stack.length > 0) {
      const x = stack.pop()!;
      for (const y of [...forward[x], ...backward[x]]) {
        if (component[y] < 0) {
          component[y] = count;
          stack.push(y);
        }
      }
    }
    count++;
  }
  // A weak component is strongly connected iff its first node reaches all of it forwards and backwards.
  const reached = (adjacency: number[][], root: number) => {
    const seen = new Uint8Array(n);
    const stack = [root];
    seen[root] = 1;
    let size = 1;
    while (stack.length > 0) {
      for (const y of adjacency[stack.pop()!]) {
        if (!seen[y]) {
          seen[y] = 1;
          size++;
          stack.push(y);
        }
      }
    }
    return size;
  };
  let finiteMaximum = true;
  for (let c = 0; c < count && finiteMaximum; c++) {
    const root = component.indexOf(c);
    const size = component.reduce((s, x) => s + (x === c ? 1 : 0), 0);
    finiteMaximum = reached(forward, root) === size && reached(backward, root) === size;
  }
  return { component, count, finiteMaximum };
}
