import type { FollowUpLabel } from './follow-up-label';

/**
 * Hand-written patterns for follow-up messages, after the phrasings catalogued in "User Feedback in
 * Human-LLM Dialogues", "Learning from Naturally Occurring Feedback" and "A Simple 'Try Again'". They
 * were written before the evaluation set was labelled (docs/signals.md), and they read only the first
 * RULES_MAX_CHARS characters: feedback comes first in a message, and cost stays bounded on pasted text.
 * Order is priority: a message that both thanks and says "that's wrong" is a complaint.
 * Revision 2 added patterns after reading the errors on the dev split only; a pattern ships only if it
 * is right on at least 70% of the dev turns it fires on ("So <restatement>?" was 6/11 and was dropped).
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
  { label: 'complaint', confidence: 0.9, pattern: new RegExp(`\\b${ANSWER}${COPULA} ?${NEG} (?:very |really |at all |a )?(?:right|correct|true|accurate|helpful|useful|relevant|good answer|what i (?:asked|meant|wanted|said|was (?:asking|looking)))\\b`) },
  { label: 'complaint', confidence: 0.9, pattern: /\b(?:does ?n't|does not|do ?n't|did ?n't|did not) (?:make (?:any )?sense|answer (?:my|the) question|help(?: at all)?|work|send|load|seem (?:very |at all )?(?:useful|relevant|helpful|right))\b/ },
  { label: 'complaint', confidence: 0.9, pattern: /\b(?:makes no sense|not making (?:any )?sense|not what i (?:asked|meant|wanted|said|was (?:asking|looking))|(?:is|are|was) ?n't working|(?:is|are|was) not working)\b/ },
  { label: 'complaint', confidence: 0.85, pattern: /\byou(?:'re| are)? (?:wrong|mistaken|confused|useless|stupid|dumb|annoying|lying|a liar|an idiot|not (?:smart|able|listening|understanding|helping|helpful|making sense))\b/ },
  { label: 'complaint', confidence: 0.85, pattern: /\byou (?:did ?n't|did not|do ?n't|do not) (?:understand|answer|get it|listen|read)\b|\byou keep (?:repeating|saying|ignoring)\b|\b(?:do ?n't|stop) ignor(?:e|ing) me\b/ },
  { label: 'complaint', confidence: 0.85, pattern: /\bi (?:do ?n't|do not) think (?:that|it|this)(?:'s| is| was)? (?:very |really )?(?:helpful|useful|right|correct|true|relevant)\b/ },
  { label: 'complaint', confidence: 0.8, pattern: /\b(?:that|this|it)(?:'s| is| was) (?:so |really |pretty |just )?(?:dumb|stupid|lame|useless|pointless|ridiculous)\b|\byou prick\b|^wtf\b/ },
  { label: 'complaint', confidence: 0.8, pattern: /\bi (?:already|just) (?:told|said|asked)\b|\bi said (?:that|what i said)\b|\bthat'?s not (?:it|what)\b|\bthanks? (?:for nothing|anyway)\b|\bi thought you (?:were|could|would)\b/ },
  { label: 'complaint', confidence: 0.8, pattern: /\b(?:just )?answer (?:the|my) question\b|\bstay on topic\b|\bare you going to (?:help|answer)(?: me)? or not\b|^(?:oh )?come on\b/ },
  { label: 'complaint', confidence: 0.7, pattern: /^(?:no|nope|wrong|incorrect)[,.!]* (?:i (?:meant|mean|asked|said|was asking|wanted)|i'?m (?:talking|asking)|not (?:a|an|the|that|what)|that'?s not|that is not|it'?s not|it is not|you (?:do ?n't|did ?n't|are|'re))\b/ },
  // Retry: asks for the same thing again.
  { label: 'retry', confidence: 0.9, pattern: /\b(?:try (?:it |that )?again|one more time|do (?:it|that) again|re-?do (?:it|that)|start over|give it another (?:try|shot|go)|regenerate|another (?:answer|response|attempt))\b/ },
  { label: 'retry', confidence: 0.8, pattern: /^(?:again|redo|retry)\b/ },
  // Gratitude, praise and positive acknowledgement.
  { label: 'gratitude', confidence: 0.9, pattern: /\b(?:thanks|thank you|thank u|thx|ty|much appreciated|appreciate (?:it|that|the help|your (?:help|advice))|that (?:worked|helps|helped|did it)|that'?s (?:perfect|great|awesome|helpful|exactly)|you rock)\b/ },
  { label: 'gratitude', confidence: 0.8, pattern: /\b(?:that|this|those|these|it)(?:'s| is| are| was|'re| would be) (?:sounds? |seems? |looks? )?(?:(?:very|really|so|pretty|some|such) )?(?:great|good|helpful|useful|interesting|fascinating|fun|delicious|amazing|awesome|excellent|perfect|wonderful|neat|cool)\b/ },
  { label: 'gratitude', confidence: 0.8, pattern: /\b(?:sounds?|looks?) (?:(?:very|really|so) )?(?:good|great|delicious|fun|like fun|interesting|yummy|awesome|perfect|amazing)\b|(?<!n't |not |no )\bmakes sense\b|\bi see what you mean\b|\bi like it\b|\bi'?ll try (?:that|those|it)\b/ },
  { label: 'gratitude', confidence: 0.7, pattern: /^(?:(?:oh|ok|okay|yeah|yes|wow|mmm*|all right|alright|well)[,.!]* )*(?:perfect|great|awesome|excellent|wonderful|nice|cool|good|amazing|brilliant|neat|delicious|got it)\b/ },
  { label: 'gratitude', confidence: 0.6, pattern: /^(?:yes[,.!]* )?(?:that'?s|that is) (?:correct|right|it|exactly(?: it| what i meant)?)\b/ },
  // Clarification: asks what the answer meant, or to explain it.
  { label: 'clarification', confidence: 0.85, pattern: /\b(?:what do you mean|what does (?:that|this|it) mean|what are you talking about|i (?:do ?n't|do not) (?:understand|get it|follow))\b/ },
  { label: 'clarification', confidence: 0.75, pattern: /\b(?:can|could|would) you (?:please )?(?:explain|clarify|elaborate|be more specific|expand on)\b|\bplease (?:explain|clarify|elaborate)\b|\bin what way\b|\bwhy is that\b|\bfor what\?/ },
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
