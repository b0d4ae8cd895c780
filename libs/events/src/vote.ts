import { z } from 'zod';
import { envelopeShape, id, longText } from './envelope';

/** One side of a pairwise comparison: a turn already sent, or an inline response with its model. */
export const voteSide = z
  .object({
    turn_id: id.optional().describe('A turn sent earlier as a `turn` event.'),
    model: id.optional().describe('Model that produced the inline response.'),
    model_version: id.optional(),
    response: longText.optional().describe('Inline response text, when no turn event exists.'),
  })
  .refine((s) => s.turn_id !== undefined || s.model !== undefined, { message: 'a vote side needs turn_id or model' });

/** A pairwise comparison of two responses to the same prompt. */
export const voteEvent = z
  .object({
    ...envelopeShape,
    type: z.literal('vote'),
    prompt: longText.optional().describe('The prompt both responses answer (inline votes).'),
    a: voteSide,
    b: voteSide,
    winner: z.enum(['a', 'b', 'tie', 'both_bad']).describe('Which side the user preferred; both_bad is a tie where neither was good.'),
    anonymous: z.boolean().optional().describe('True when the user did not see which model wrote which side (arena-style blind vote).'),
  })
  .refine((v) => !(v.a.turn_id !== undefined && v.a.turn_id === v.b.turn_id), { message: 'a and b must be different turns', path: ['b'] });
export type VoteEvent = z.infer<typeof voteEvent>;
export type VoteSide = z.infer<typeof voteSide>;
