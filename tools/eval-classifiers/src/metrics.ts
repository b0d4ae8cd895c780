/** Precision, recall and F1 of one class (one-vs-rest). F1 is 0 when the class is never predicted right. */
export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
  rows: number;
  accuracy: number;
  macroF1: number;
  perClass: Record<string, ClassScores>;
  /** confusion[gold][predicted] counts. */
  confusion: Record<string, Record<string, number>>;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function classificationReport(labels: readonly string[], gold: readonly string[], predicted: readonly string[]): ClassificationReport {
  if (gold.length !== predicted.length) throw new Error(`${gold.length} gold labels but ${predicted.length} predictions`);
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of labels) confusion[g] = Object.fromEntries(labels.map((p) => [p, 0]));
  gold.forEach((g, i) => {
    const row = confusion[g];
    if (!row || row[predicted[i]!] === undefined) throw new Error(`label outside ${labels.join('/')}: ${g} -> ${predicted[i]}`);
    row[predicted[i]!]!++;
  });
  const perClass: Record<string, ClassScores> = {};
  for (const c of labels) {
    const tp = confusion[c]![c]!;
    const support = labels.reduce((s, p) => s + confusion[c]![p]!, 0);
    const predictedAs = labels.reduce((s, g) => s + confusion[g]![c]!, 0);
    const precision = ratio(tp, predictedAs);
    const recall = ratio(tp, support);
    perClass[c] = { precision, recall, f1: ratio(2 * tp, support + predictedAs), support };
  }
  const correct = labels.reduce((s, c) => s + confusion[c]![c]!, 0);
  const macroF1 = labels.reduce((s, c) => s + perClass[c]!.f1, 0) / labels.length;
  return { rows: gold.length, accuracy: ratio(correct, gold.length), macroF1, perClass, confusion };
}

/** Recall of a merged positive class (e.g. refusal = full + partial): gold positives predicted positive. */
export function groupRecall(positive: ReadonlySet<string>, gold: readonly string[], predicted: readonly string[]): number {
  let positives = 0;
  let found = 0;
  gold.forEach((g, i) => {
    if (!positive.has(g)) return;
    positives++;
    if (positive.has(predicted[i]!)) found++;
  });
  return ratio(found, positives);
}

/** ROC AUC by the Mann-Whitney statistic, ties counted as half (average ranks). */
export function rocAuc(scores: readonly number[], isPositive: readonly boolean[]): number {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Float64Array(scores.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const average = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = average;
    i = j + 1;
  }
  let positives = 0;
  let rankSum = 0;
  isPositive.forEach((p, i) => {
    if (p) {
      positives++;
      rankSum += ranks[i]!;
    }
  });
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) throw new Error('AUC needs both classes');
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
