import { dominantScript } from '../language-guess';
import type { NumericFeature } from '../feature';

export const isCjkScript: NumericFeature = {
  kind: 'numeric',
  subject: 'response',
  name: 'is_cjk_script',
  description: '1 when the dominant script of the prose is Han, kana or Hangul (Chinese, Japanese, Korean), else 0.',
  example: { text: '你可以使用切片来反转列表。', value: 1 },
  compute: ({ response }) => {
    const s = dominantScript(response);
    return s === 'han' || s === 'kana' || s === 'hangul' ? 1 : 0;
  },
};
