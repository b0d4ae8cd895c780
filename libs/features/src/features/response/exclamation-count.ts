import type { NumericFeature } from '../feature';

export const exclamationCount: NumericFeature = {
  kind: 'numeric',
  subject: 'response',
  name: 'exclamation_count',
  description: 'Runs of "!" (or "！") in prose, outside code and URLs; "Wow!!!" counts once, "!=" and markdown images "![" not at all.',
  example: { text: 'Great!!! It works! Use `a != b` here.', value: 2 },
  compute: ({ response }) => response.exclamations,
};
