import { LANGUAGES, STOPWORD_LEXICONS, guessLanguage } from '../language-guess';
import type { CategoricalFeature } from '../feature';

export const language: CategoricalFeature = {
  kind: 'categorical',
  subject: 'response',
  name: 'language',
  description:
    'Cheap language guess: for Latin-script prose the language (en, es, fr, de, pt, it, nl) with the most function-word hits (at least 2, no tie), else unknown; zh / ja / ko from Han / kana / Hangul; other for other scripts.',
  values: LANGUAGES,
  lexicons: STOPWORD_LEXICONS,
  example: { text: 'Para invertir una lista en Python, usa el método reverse.', value: 'es' },
  compute: ({ response }) => guessLanguage(response),
};
