import { SCRIPT_VALUES, dominantScript } from '../language-guess';
import type { CategoricalFeature } from '../feature';

export const script: CategoricalFeature = {
  kind: 'categorical',
  subject: 'response',
  name: 'script',
  description: 'Dominant Unicode script of the prose letters (code and URLs excluded): latin, cyrillic, greek, arabic, hebrew, devanagari, thai, han, kana (Japanese: Han with at least 10% kana), hangul, other, or none.',
  values: SCRIPT_VALUES,
  example: { text: 'Привет! Это ответ на ваш вопрос about Python.', value: 'cyrillic' },
  compute: ({ response }) => dominantScript(response),
};
