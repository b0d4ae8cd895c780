import { comparisonComponents } from './comparison-graph';

const edges = (pairs: [number, number][]) => pairs.map(([from, to]) => ({ from, to }));

describe('comparisonComponents', () => {
  it('accepts a cycle and rejects a chain or a model that never lost', () => {
    expect(comparisonComponents(3, edges([[0, 1], [1, 2], [2, 0]]))).toMatchObject({ count: 1, finiteMaximum: true });
    expect(comparisonComponents(3, edges([[0, 1], [1, 2]]))).toMatchObject({ count: 1, finiteMaximum: false });
    expect(comparisonComponents(3, edges([[0, 1], [1, 0], [2, 0]]))).toMatchObject({ count: 1, finiteMaximum: false });
  });

  it('finds separate components, each of which must be strongly connected', () => {
    const two = comparisonComponents(4, edges([[0, 1], [1, 0], [2, 3], [3, 2]]));
    expect(two).toMatchObject({ count: 2, finiteMaximum: true });
    expect(Array.from(two.component)).toEqual([0, 0, 1, 1]);
    expect(comparisonComponents(4, edges([[0, 1], [1, 0], [2, 3]])).finiteMaximum).toBe(false);
    expect(comparisonComponents(1, [])).toMatchObject({ count: 1, finiteMaximum: true });
  });
});
