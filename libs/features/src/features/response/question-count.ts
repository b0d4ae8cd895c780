import type { NumericFeature } from '../feature';

export const questionCount: NumericFeature = {
  kind: 'numeric',
  subject: 'response',
  name: 'question_count',
  description: 'Questions the response asks: runs of "?" (or "？") in prose, outside code and URLs ("Really??" counts once).',
  example: { text: 'Which version do you use? Is it 3.12?? See https://example.com/?q=1', value: 2 },
  compute: ({ response }) => response.questions,
};
