import { seededRandom } from '@prefstream/sources';
import type { TrainingRow } from './datasets/training-row';

/**
 * Stratified fold of every row: within each label, rows are shuffled with the seed and dealt round-robin
 * into `folds` folds, so each fold keeps the label proportions. Same rows + seed -> same folds.
 */
export function stratifiedFolds(rows: readonly TrainingRow[], folds: number, seed: number): Int32Array {
  const random = seededRandom(seed);
  const byLabel = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const list = byLabel.get(row.label) ?? [];
    list.push(i);
    byLabel.set(row.label, list);
  });
  const fold = new Int32Array(rows.length);
  let offset = 0;
  for (const label of [...byLabel.keys()].sort()) {
    const members = byLabel.get(label)!;
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j]!, members[i]!];
    }
    // Continue the deal where the previous label stopped so small classes don't all start at fold 0.
    members.forEach((row, k) => (fold[row] = (offset + k) % folds));
    offset += members.length;
  }
  return fold;
}
