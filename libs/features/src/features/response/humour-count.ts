import { defineLexicon } from '../../lexicon/lexicon';
import type { NumericFeature } from '../feature';

export const HUMOUR = defineLexicon('humour', [
  'haha', 'hahaha', 'hahahaha', 'hehe', 'hehehe', 'lol', 'lmao', 'lmfao', 'rofl', 'jk', 'just kidding', 'pun intended', 'joke', 'jokes', 'joking',
  'funny', 'hilarious', 'punchline', 'knock knock',
]);

export const humourCount: NumericFeature = {
  kind: 'numeric',
  subject: 'response',
  name: 'humour_count',
  description: 'Humour markers in prose: laughter and joke words ("haha", "lol", "just kidding", "pun intended", "joke"), laughing/winking emoji (😂 🤣 😆 😉 😜 ...) and ;) :P :D.',
  lexicons: [HUMOUR],
  example: { text: 'Why did the function return? It had closure issues 😂 (pun intended) ;)', value: 3 },
  compute: ({ response }) => response.count(HUMOUR) + response.laughingEmoji + response.jokeyEmoticons,
};
