import type { NumericFeature } from '../feature';

export const listCount: NumericFeature = {
  kind: 'numeric',
  subject: 'response',
  name: 'list_count',
  description: 'Markdown list items as the arena counts them: ordered (^\\s*\\d+\\.\\s) plus unordered (^\\s*[-*+]\\s) lines, fenced code removed first.',
  example: { text: 'Steps:\n1. Open it\n2. Close it\n- a note\n  * nested', value: 4 },
  compute: ({ response }) => response.markdown.listItems,
};
