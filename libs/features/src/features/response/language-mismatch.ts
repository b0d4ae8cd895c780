import { STOPWORD_LEXICONS, dominantScript, guessLanguage } from '../language-guess';
import type { TextScan } from '../../scan/text-scan';
import type { NumericFeature } from '../feature';

/** Language, or the script for languages the guess calls "other"; unknown stays unknown. */
function languageKey(scan: TextScan): string {
  const language = guessLanguage(scan);
  return language === 'other' ? `script:${dominantScript(scan)}` : language;
}

export const languageMismatch: NumericFeature = {
  kind: 'numeric',
  subject: 'response',
  name: 'language_mismatch',
  description: '1 when both the prompt and the response have a known language guess (or, for other scripts, a script) and they differ: the user asked in one language and got another; else 0.',
  lexicons: STOPWORD_LEXICONS,
  example: { prompt: '¿Cómo invierto una lista en Python? Quiero que el resultado sea una lista nueva.', text: 'You can reverse a list with a slice, which returns a new list.', value: 1 },
  compute: ({ response, prompt }) => {
    const r = languageKey(response);
    const p = languageKey(prompt);
    return r !== 'unknown' && p !== 'unknown' && r !== p ? 1 : 0;
  },
};
