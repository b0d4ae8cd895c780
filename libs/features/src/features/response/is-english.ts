import { STOPWORD_LEXICONS, guessLanguage } from '../language-guess';
import type { NumericFeature } from '../feature';

export const isEnglish: NumericFeature = {
  kind: 'numeric',
  subject: 'response',
  name: 'is_english',
  description: '1 when the language guess (see language) is English, else 0.',
  lexicons: STOPWORD_LEXICONS,
  example: { text: 'The answer is that you can use a slice.', value: 1 },
  compute: ({ response }) => (guessLanguage(response) === 'en' ? 1 : 0),
};
