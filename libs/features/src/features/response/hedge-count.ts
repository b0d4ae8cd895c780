import { defineLexicon } from '../../lexicon/lexicon';
import type { NumericFeature } from '../feature';

export const HEDGES = defineLexicon('hedge', [
  'i think', 'i believe', 'i guess', 'i suppose', 'not sure', 'not certain', 'perhaps', 'maybe', 'possibly', 'probably', 'might',
  'seems', 'it appears', 'likely', 'unlikely', 'to my knowledge', 'as far as i know', 'if i recall', 'i may be wrong', 'could be',
  'it is possible', "it's possible", 'somewhat', 'roughly', 'arguably', 'it depends', 'i cannot be certain', "i can't be certain",
]);

export const hedgeCount: NumericFeature = {
  kind: 'numeric',
  subject: 'response',
  name: 'hedge_count',
  description: 'Hedging and uncertainty markers in prose ("I think", "perhaps", "might", "not sure", "it seems", "likely", "it depends", ...); the opposite of assertiveness.',
  lexicons: [HEDGES],
  example: { text: "I think it might work, but I'm not sure. It is definitely fast.", value: 3 },
  compute: ({ response }) => response.count(HEDGES),
};
