import { z } from 'zod';
import { count, envelopeShape, id, label, longText } from './envelope';

/** A model response shown to a user, with the prompt that produced it. */
export const turnEvent = z.object({
  ...envelopeShape,
  type: z.literal('turn'),
  turn_id: id.describe('Id of this response; feedback, votes and interactions refer to it.'),
  turn_index: count.optional().describe('Position of the turn in the conversation (0-based), if known.'),
  prompt: longText.describe('The user message the response answers.'),
  response: longText.describe('The response text shown to the user.'),
  model: id.describe('Model name (e.g. "acme-chat").'),
  model_version: id.describe('Model version or deployment id; feedback depends on the exact model seen.'),
  variant: label.optional().describe('A/B arm, if the response came from an experiment.'),
  latency_ms: z.number().nonnegative().optional().describe('Time to the full response, in milliseconds.'),
  prompt_tokens: count.optional(),
  response_tokens: count.optional(),
  regenerated_from: id.optional().describe('turn_id of the response this one replaces (the user pressed regenerate).'),
});
export type TurnEvent = z.infer<typeof turnEvent>;
