import { dominantScript } from '../language-guess';
import type { NumericFeature } from '../feature';

export const isLatinScript: NumericFeature = {
  kind: 'numeric',
  subject: 'response',
  name: 'is_latin_script',
  description: '1 when the dominant script of the prose (see script) is Latin, else 0.',
  example: { text: 'Bonjour, voici la réponse.', value: 1 },
  compute: ({ response }) => (dominantScript(response) === 'latin' ? 1 : 0),
};
