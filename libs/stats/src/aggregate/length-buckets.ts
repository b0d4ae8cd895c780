/**
 * Response-length buckets for reward conditioned on length, in tokens. Fixed edges (not quantiles of
 * the data) so aggregates from different minutes, partitions and tenants merge bucket by bucket.
 */
export const LENGTH_BUCKET_EDGES = [50, 200, 500, 1000] as const;
export const LENGTH_BUCKETS = ['0-49', '50-199', '200-499', '500-999', '1000+'] as const;
export type LengthBucket = (typeof LENGTH_BUCKETS)[number];

export function lengthBucket(tokens: number): LengthBucket {
  if (!(tokens >= 0)) throw new RangeError(`length must be >= 0, got ${tokens}`);
  let k = 0;
  while (k < LENGTH_BUCKET_EDGES.length && tokens >= LENGTH_BUCKET_EDGES[k]) k++;
  return LENGTH_BUCKETS[k];
}
