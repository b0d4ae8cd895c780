import { defineLexicon } from '../../lexicon/lexicon';
import type { NumericFeature } from '../feature';

export const APOLOGY = defineLexicon('apology', [
  'sorry', 'apologize', 'apologise', 'apologies', 'apologizing', 'i regret', 'forgive me', 'my bad', 'my mistake', 'pardon me',
]);

export const apologyCount: NumericFeature = {
  kind: 'numeric',
  subject: 'response',
  name: 'apology_count',
  description: 'Apology phrases in prose ("sorry", "I apologize", "my apologies", "my mistake", "forgive me", ...); refusals often open with one.',
  lexicons: [APOLOGY],
  example: { text: "I'm sorry, but I can't help with that. My apologies for the confusion.", value: 2 },
  compute: ({ response }) => response.count(APOLOGY),
};
