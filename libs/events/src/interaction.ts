import { z } from 'zod';
import { count, envelopeShape, id, longText } from './envelope';

const base = { ...envelopeShape, type: z.literal('interaction'), turn_id: id.describe('The turn acted on.') };

/** Implicit UI actions on a turn. None is a button labelled "feedback"; each still says something. */
export const interactionEvent = z.discriminatedUnion('action', [
  z.object({ ...base, action: z.literal('regenerate') }),
  z.object({ ...base, action: z.literal('copy'), copied_chars: count.describe('Characters copied from the response.') }),
  z.object({ ...base, action: z.literal('edit'), edited_text: longText.describe('The response text after the user edited it.') }),
  z.object({ ...base, action: z.literal('stop'), shown_chars: count.optional().describe('Characters shown before the user stopped generation.') }),
  z.object({ ...base, action: z.literal('share') }),
  z.object({ ...base, action: z.literal('dwell'), dwell_ms: count.describe('Milliseconds the response was visible.') }),
  z.object({ ...base, action: z.literal('close') }),
]);
export type InteractionEvent = z.infer<typeof interactionEvent>;
export const INTERACTION_ACTIONS = ['regenerate', 'copy', 'edit', 'stop', 'share', 'dwell', 'close'] as const;
