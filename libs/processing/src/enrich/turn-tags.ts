import { LENGTH_BUCKETS, lengthBucket, type LengthBucket } from '@prefstream/stats';

/** A response counts as refusing / toxic for the conditioned aggregates when its classifier score reaches this. */
export const REFUSAL_THRESHOLD = 0.5;
export const TOXICITY_THRESHOLD = 0.5;

/** The response properties final aggregates are conditioned on; undefined = not known (classifier did not run). */
export interface TurnProperties {
  refuses?: boolean;
  toxic?: boolean;
  lengthBucket?: LengthBucket;
}

// Bits: 0 refusal known, 1 refuses, 2 toxicity known, 3 toxic, 4-6 length bucket index + 1 (0 = unknown).
const REFUSAL_KNOWN = 1;
const REFUSES = 2;
const TOXICITY_KNOWN = 4;
const TOXIC = 8;
const LENGTH_SHIFT = 4;

/** Packs the properties into the small integer the signal engine keeps per turn (8 bytes, not a features map). */
export function packTurnTags(p: TurnProperties): number {
  let tags = 0;
  if (p.refuses !== undefined) tags |= REFUSAL_KNOWN | (p.refuses ? REFUSES : 0);
  if (p.toxic !== undefined) tags |= TOXICITY_KNOWN | (p.toxic ? TOXIC : 0);
  if (p.lengthBucket !== undefined) tags |= (LENGTH_BUCKETS.indexOf(p.lengthBucket) + 1) << LENGTH_SHIFT;
  return tags;
}

export function unpackTurnTags(tags: number): TurnProperties {
  const bucket = (tags >> LENGTH_SHIFT) & 7;
  return {
    refuses: tags & REFUSAL_KNOWN ? (tags & REFUSES) !== 0 : undefined,
    toxic: tags & TOXICITY_KNOWN ? (tags & TOXIC) !== 0 : undefined,
    lengthBucket: bucket > 0 ? LENGTH_BUCKETS[bucket - 1] : undefined,
  };
}

/** The properties of a response from its token count and (optional) classifier scores. */
export function turnProperties(tokens: number, scores: { refusal_full?: number; toxicity?: number } | undefined): TurnProperties {
  return {
    refuses: scores?.refusal_full === undefined ? undefined : scores.refusal_full >= REFUSAL_THRESHOLD,
    toxic: scores?.toxicity === undefined ? undefined : scores.toxicity >= TOXICITY_THRESHOLD,
    lengthBucket: lengthBucket(tokens),
  };
}
