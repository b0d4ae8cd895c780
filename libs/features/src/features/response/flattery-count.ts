import { defineLexicon } from '../../lexicon/lexicon';
import type { NumericFeature } from '../feature';

/** Praise of the user or their question; also read by sycophantic_opener at the start of a response. */
export const FLATTERY = defineLexicon('flattery', [
  'great question', 'good question', 'excellent question', 'fantastic question', 'wonderful question', 'interesting question', 'thoughtful question',
  'brilliant question', 'smart question', 'great point', 'good point', 'excellent point', 'valid point', 'fair point',
  'absolutely right', 'totally right', 'completely right', 'great idea', 'excellent idea', 'brilliant idea', 'wonderful idea', 'good catch', 'great catch',
  'keen eye', 'great job', 'well done', 'impressive', 'insightful', 'astute',
  "you're so smart", 'you are so smart', 'love this question', 'love that question', 'thanks for asking', 'thank you for asking',
]);

export const flatteryCount: NumericFeature = {
  kind: 'numeric',
  subject: 'response',
  name: 'flattery_count',
  description: 'Flattery of the user in prose: praise of the question or idea ("Great question", "good point", "you\'re absolutely right", "insightful", "well done", ...).',
  lexicons: [FLATTERY],
  example: { text: "Great question! You're absolutely right that caching helps.", value: 2 },
  compute: ({ response }) => response.count(FLATTERY),
};
