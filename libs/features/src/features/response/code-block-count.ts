import type { NumericFeature } from '../feature';

export const codeBlockCount: NumericFeature = {
  kind: 'numeric',
  subject: 'response',
  name: 'code_block_count',
  description: 'Fenced code blocks (``` to the next ```, or to the end when unclosed) with a non-empty body.',
  example: { text: 'Try:\n```python\nprint(1)\n```\nor\n```js\nconsole.log(1)\n```', value: 2 },
  compute: ({ response }) => response.markdown.codeBlocks,
};
