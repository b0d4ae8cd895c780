import type { NumericFeature } from '../feature';

export const tokens: NumericFeature = {
  kind: 'numeric',
  subject: 'response',
  name: 'tokens',
  description:
    "Estimated o200k_base token count of the whole response, code included (the arena's token_len); word/punctuation/space runs with mean per-run costs, within a few percent of the real count on prose.",
  example: { text: 'Use `my_list[::-1]` to reverse a list.', value: 13 },
  compute: ({ response }) => Math.round(response.tokens),
};
