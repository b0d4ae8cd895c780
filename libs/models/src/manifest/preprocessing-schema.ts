import { z } from 'zod';

const ngramRange = z
  .tuple([z.number().int().min(1), z.number().int().min(1)])
  .refine(([min, max]) => min <= max, 'n-gram range must be [min, max] with min <= max');

/**
 * How text becomes the model's input: hashed word and char n-grams with tf weighting and L2
 * normalisation. Every field is spelled out in the manifest so a model can be re-implemented from it.
 */
export const hashedNgramPreprocessingSchema = z
  .object({
    kind: z.literal('hashed-ngrams'),
    /** Lower-case before anything else (String.prototype.toLowerCase). */
    lowercase: z.boolean(),
    /** Replace URLs with "http" and @mentions with "@user" (tweets: the handle says nothing general). */
    maskUrlsAndMentions: z.boolean(),
    /** Only the first maxChars UTF-16 code units are read: bounded cost per text. */
    maxChars: z.number().int().positive(),
    /** Words are maximal runs of ASCII letters/digits, apostrophes and code units >= U+00C0 outside U+2000-U+2BFF. */
    tokenizer: z.literal('alnum-apostrophe'),
    wordNgrams: ngramRange.nullable(),
    /** Over the whitespace-collapsed text with one space added at each end. */
    charNgrams: ngramRange.nullable(),
    /** The word n-grams of the first leadWords words again, in their own namespace (0 = off). */
    leadWords: z.number().int().min(0),
    hash: z.literal('fnv1a32-fmix32'),
    buckets: z.number().int().min(2).max(1 << 24),
    /** Index used to pad ragged rows; the model's weight row there must be zero. Equals buckets. */
    paddingIndex: z.number().int(),
    /** Weight of a feature seen n times: 1 + ln n (sublinear), 1 (binary) or n (raw). */
    tf: z.enum(['sublinear', 'binary', 'raw']),
    normalize: z.enum(['l2', 'none']),
  })
  .refine((p) => p.paddingIndex === p.buckets, { message: 'paddingIndex must equal buckets', path: ['paddingIndex'] })
  .refine((p) => p.wordNgrams !== null || p.charNgrams !== null, { message: 'at least one of wordNgrams, charNgrams is needed' });

export type HashedNgramPreprocessing = z.infer<typeof hashedNgramPreprocessingSchema>;

/** Namespaces keep the same string from colliding across feature families on purpose. */
export const FEATURE_NAMESPACE = { word: 1, char: 2, lead: 3 } as const;
