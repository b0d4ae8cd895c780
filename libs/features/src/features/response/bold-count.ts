import type { NumericFeature } from '../feature';

export const boldCount: NumericFeature = {
  kind: 'numeric',
  subject: 'response',
  name: 'bold_count',
  description: 'Bold spans as the arena counts them: non-overlapping **x** and __x__ with no marker character or line break inside, fenced code removed first.',
  example: { text: 'This is **very** important and __so__ is this, **but not\nthis**.', value: 2 },
  compute: ({ response }) => response.markdown.bold,
};
