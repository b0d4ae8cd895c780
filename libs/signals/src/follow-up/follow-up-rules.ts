import type { FollowUpLabel } from './follow-up-label';

/**
 * Hand-written patterns for follow-up messages, after the phrasings catalogued in "User Feedback in
 * Human-LLM Dialogues", "Learning from Naturally Occurring Feedback" and "A Simple 'Try Again'". They
 * were written before the evaluation set was labelled (docs/signals.md), and they read only the first
 * RULES_MAX_CHARS characters: feedback comes first in a message, and cost stays bounded on pasted text.
 * Order is priority: a message that both thanks and says "that's wrong" is a complaint.
 */
export const RULES_MAX_CHARS = 400;

interface Rule {
  label: Exclude<FollowUpLabel, 'none'>;
  confidence: number;
  pattern: RegExp;
}

const NEG = "(?:not|n't|no longer)";
const ANSWER = '(?:that|this|it|your answer|the answer|your response|you)';
const COPULA = "(?:'s|'re| is| are| was| were)?";

export const FOLLOW_UP_RULES: readonly Rule[] = [
  // Complaints and corrections: the answer is wrong, unhelpful or not what was asked.
  { label: 'complaint', confidence: 0.9, pattern: new RegExp(`\\b${ANSWER}${COPULA} (?:completely |totally |just |all |so )?(?:wrong|incorrect|false|inaccurate|untrue|a lie|nonsense|gibberish)\\b`) },
  { label: 'complaint', confidence: 0.9, pattern: new RegExp(`\\b${ANSWER}${COPULA} ?${NEG} (?:very |really |at all )?(?:right|correct|true|accurate|helpful|useful|what i (?:asked|meant|wanted|said|was (?:asking|looking)))\\b`) },
  { label: 'complaint', confidence: 0.9, pattern: /\b(?:does ?n't|does not|do ?n't|did ?n't|did not) (?:make (?:any )?sense|answer (?:my|the) question|help(?: at all)?|work)\b/ },
  { label: 'complaint', confidence: 0.9, pattern: /\b(?:makes no sense|not making (?:any )?sense|not what i (?:asked|meant|wanted|said|was (?:asking|looking)))\b/ },
  { label: 'complaint', confidence: 0.85, pattern: /\byou(?:'re| are)? (?:wrong|mistaken|confused|useless|stupid|dumb|an idiot|not (?:listening|understanding|helping|helpful|making sense))\b/ },
  { label: 'complaint', confidence: 0.85, pattern: /\byou (?:did ?n't|did not|do ?n't|do not) (?:understand|answer|get it|listen|read)\b/ },
  { label: 'complaint', confidence: 0.8, pattern: /\bi (?:already|just) (?:told|said|asked)\b|\bthat'?s not (?:it|what)\b|\bthanks for nothing\b/ },
  { label: 'complaint', confidence: 0.7, pattern: /^(?:no|nope|wrong|incorrect)[,.!]* (?:i (?:meant|mean|asked|said|was asking|wanted)|that'?s|that is|it'?s not|it is not|you)\b/ },
  // Retry: asks for the same thing again.
  { label: 'retry', confidence: 0.9, pattern: /\b(?:try (?:it |that )?again|one more time|do (?:it|that) again|re-?do (?:it|that)|start over|give it another (?:try|shot|go)|regenerate|another (?:answer|response|attempt))\b/ },
  { label: 'retry', confidence: 0.8, pattern: /^(?:again|redo|retry)\b/ },
  // Gratitude and praise.
  { label: 'gratitude', confidence: 0.9, pattern: /\b(?:thanks|thank you|thank u|thx|ty|much appreciated|appreciate (?:it|that|the help)|that (?:worked|helps|helped|did it)|that'?s (?:perfect|great|awesome|helpful|exactly))\b/ },
  { label: 'gratitude', confidence: 0.7, pattern: /^(?:perfect|great|awesome|excellent|wonderful|nice|cool|good|amazing|brilliant|that makes sense|makes sense|got it)\b/ },
  // Clarification: asks what the answer meant, or to explain it.
  { label: 'clarification', confidence: 0.85, pattern: /\b(?:what do you mean|what does (?:that|this|it) mean|what are you talking about|i (?:do ?n't|do not) (?:understand|get it|follow))\b/ },
  { label: 'clarification', confidence: 0.75, pattern: /\b(?:can|could|would) you (?:please )?(?:explain|clarify|elaborate|be more specific|expand on)\b|\bin what way\b/ },
  { label: 'clarification', confidence: 0.6, pattern: /^(?:why|how so|like what|such as|meaning|huh|what)\s*\?*$/ },
];

/** Lower-cases and folds typographic apostrophes so one pattern covers "that’s" and "thats". */
export function normalizeFollowUp(text: string): string {
  const head = text.length > RULES_MAX_CHARS ? text.slice(0, RULES_MAX_CHARS) : text;
  return head.toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim();
}

/** The first matching rule, or undefined. */
export function matchFollowUpRule(text: string): Rule | undefined {
  const normalized = normalizeFollowUp(text);
  for (const rule of FOLLOW_UP_RULES) if (rule.pattern.test(normalized)) return rule;
  return undefined;
}
