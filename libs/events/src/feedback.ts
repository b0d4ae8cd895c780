import { z } from 'zod';
import { envelopeShape, id, label, shortText } from './envelope';

const base = { ...envelopeShape, type: z.literal('feedback'), turn_id: id.describe('The turn the feedback is about.') };

const thumbs = z.object({ ...base, kind: z.literal('thumbs'), value: z.union([z.literal(1), z.literal(-1)]).describe('+1 up, -1 down') });
const rating = z
  .object({
    ...base,
    kind: z.literal('rating'),
    value: z.number().describe('The rating given, within [scale_min, scale_max].'),
    scale_min: z.number().int().describe('Lowest value of the scale (e.g. 1).'),
    scale_max: z.number().int().describe('Highest value of the scale (e.g. 5 or 7).'),
  })
  .refine((r) => r.scale_min < r.scale_max, { message: 'scale_min must be below scale_max', path: ['scale_max'] })
  .refine((r) => r.value >= r.scale_min && r.value <= r.scale_max, { message: 'value must lie within [scale_min, scale_max]', path: ['value'] });
const reaction = z.object({ ...base, kind: z.literal('reaction'), emoji: label.describe('The emoji or reaction name (e.g. "❤️", "laugh").') });
const flag = z.object({
  ...base,
  kind: z.literal('flag'),
  reason: shortText.min(1).describe('Why the user flagged the response (e.g. "harmful", "incorrect").'),
});
const comment = z.object({ ...base, kind: z.literal('comment'), text: shortText.min(1).describe('Free-text comment on the response.') });

/** Explicit feedback on one turn. Ratings and thumbs are kept apart from pairwise votes downstream. */
export const feedbackEvent = z.discriminatedUnion('kind', [thumbs, rating, reaction, flag, comment]);
export type FeedbackEvent = z.infer<typeof feedbackEvent>;
export const FEEDBACK_KINDS = ['thumbs', 'rating', 'reaction', 'flag', 'comment'] as const;
