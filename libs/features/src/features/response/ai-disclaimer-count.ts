import { defineLexicon } from '../../lexicon/lexicon';
import type { NumericFeature } from '../feature';

export const AI_DISCLAIMER = defineLexicon('ai_disclaimer', [
  'as an ai', 'as a language model', 'as a large language model', 'as an artificial intelligence', 'as a chatbot', 'as an assistant',
  "i'm an ai", 'i am an ai', "i'm just an ai", 'i am just an ai', "i'm only an ai", 'i am only an ai', "i'm a language model", 'i am a language model',
  "i'm not a human", 'i am not a human', "i'm not human", 'i am not human',
  "i don't have personal", 'i do not have personal', "i don't have feelings", 'i do not have feelings', "i don't have emotions", 'i do not have emotions',
]);

export const aiDisclaimerCount: NumericFeature = {
  kind: 'numeric',
  subject: 'response',
  name: 'ai_disclaimer_count',
  description: 'AI-identity disclaimers in prose: "As an AI...", "I\'m just an AI", "as a language model", "I don\'t have personal opinions/feelings".',
  lexicons: [AI_DISCLAIMER],
  example: { text: "As an AI language model, I don't have personal opinions, but here are both sides.", value: 2 },
  compute: ({ response }) => response.count(AI_DISCLAIMER),
};
