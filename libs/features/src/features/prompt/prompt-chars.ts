import type { NumericFeature } from '../feature';

export const promptChars: NumericFeature = {
  kind: 'numeric',
  subject: 'prompt',
  name: 'prompt_chars',
  description: 'Length of the prompt in UTF-16 code units (JavaScript string length, as the event contract measures text).',
  example: { text: 'How do I reverse a list in Python?', value: 34 },
  compute: ({ prompt }) => prompt.chars,
};
