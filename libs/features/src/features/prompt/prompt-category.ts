import type { TextScan } from '../../scan/text-scan';
import type { CategoricalFeature } from '../feature';
import { ADVICE_WORDS, CHIT_CHAT_WORDS, CODING_WORDS, FACTUAL_OPENERS, FACTUAL_WORDS, MATH_WORDS, WRITING_FORMS, WRITING_VERBS } from './task-lexicons';

/** In priority order: a tie goes to the earlier category. */
export const TASK_CATEGORIES = ['coding', 'math', 'writing', 'advice', 'factual_qa', 'chit_chat', 'other'] as const;
export type TaskCategory = (typeof TASK_CATEGORIES)[number];

/** Evidence per category (other has none): word hits, plus structure (code spans, arithmetic). */
function evidence(p: TextScan): number[] {
  return [
    p.count(CODING_WORDS) + 2 * (p.markdown.codeBlocks + p.inlineCodeSpans),
    p.count(MATH_WORDS) + p.mathOperators,
    2 * p.count(WRITING_FORMS) + p.count(WRITING_VERBS),
    p.count(ADVICE_WORDS),
    p.count(FACTUAL_OPENERS) + p.count(FACTUAL_WORDS),
    p.count(CHIT_CHAT_WORDS),
  ];
}

export function taskCategory(prompt: TextScan): TaskCategory {
  const scores = evidence(prompt);
  let best = TASK_CATEGORIES.length - 1;
  let bestScore = 0;
  for (let k = 0; k < scores.length; k++) {
    if (scores[k] > bestScore) {
      best = k;
      bestScore = scores[k];
    }
  }
  return TASK_CATEGORIES[best];
}

export const promptCategory: CategoricalFeature = {
  kind: 'categorical',
  subject: 'prompt',
  name: 'prompt_category',
  description:
    'Coarse task of the prompt by rules: evidence per category (coding words + 2 per code span or block; math words + operators next to digits; 2 per written form + 1 per writing verb; advice phrases; an opening question word or factual phrases; greetings and small talk); the most evidence wins, ties in the order coding, math, writing, advice, factual_qa, chit_chat; no evidence: other.',
  values: TASK_CATEGORIES,
  lexicons: [CODING_WORDS, MATH_WORDS, WRITING_FORMS, WRITING_VERBS, ADVICE_WORDS, FACTUAL_OPENERS, FACTUAL_WORDS, CHIT_CHAT_WORDS],
  example: { text: 'Write a haiku about autumn rain.', value: 'writing' },
  compute: ({ prompt }) => taskCategory(prompt),
};
