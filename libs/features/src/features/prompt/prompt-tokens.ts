import type { NumericFeature } from '../feature';

export const promptTokens: NumericFeature = {
  kind: 'numeric',
  subject: 'prompt',
  name: 'prompt_tokens',
  description: 'Estimated o200k_base token count of the prompt (same estimate as tokens).',
  example: { text: 'How do I reverse a list in Python?', value: 9 },
  compute: ({ prompt }) => Math.round(prompt.tokens),
};
