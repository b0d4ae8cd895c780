/** Per-class F1 (one-vs-rest) and their mean over `labels`; predictions outside `labels` only count as misses. */
export function macroF1(labels: readonly string[], gold: readonly string[], predicted: readonly string[]): { macroF1: number; f1: Record<string, number>; accuracy: number } {
  const f1: Record<string, number> = {};
  for (const label of labels) {
    let tp = 0;
    let goldCount = 0;
    let predictedCount = 0;
    gold.forEach((g, i) => {
      if (g === label) goldCount++;
      if (predicted[i] === label) predictedCount++;
      if (g === label && predicted[i] === label) tp++;
    });
    f1[label] = goldCount + predictedCount === 0 ? 0 : (2 * tp) / (goldCount + predictedCount);
  }
  const accuracy = gold.filter((g, i) => g === predicted[i]).length / gold.length;
  return { macroF1: labels.reduce((s, l) => s + f1[l]!, 0) / labels.length, f1, accuracy };
}
