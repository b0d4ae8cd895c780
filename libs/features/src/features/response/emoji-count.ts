import type { NumericFeature } from '../feature';

export const emojiCount: NumericFeature = {
  kind: 'numeric',
  subject: 'response',
  name: 'emoji_count',
  description:
    'Emoji in prose, one per displayed glyph: ZWJ sequences (👨‍👩‍👧), skin tones and flags (two regional indicators) count once; text-style symbols (©, ™, ☺ without U+FE0F) do not count.',
  example: { text: 'Done 🎉! Family: 👨‍👩‍👧, thumbs 👍🏽, flag 🇫🇷 ©', value: 4 },
  compute: ({ response }) => response.emoji,
};
