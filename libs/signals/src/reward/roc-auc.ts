/**
 * Area under the ROC curve of `scores` against binary `labels`: the probability that a random positive
 * scores above a random negative, ties counting one half (Mann-Whitney U with mid-ranks).
 * NaN when either class is empty.
 */
export function rocAuc(scores: readonly number[], labels: readonly boolean[]): number {
  if (scores.length !== labels.length) throw new Error('scores and labels differ in length');
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j][0] === order[i][0]) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (labels[order[k][1]]) {
        positives++;
        rankSum += midRank;
      }
    }
    i = j;
  }
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
