/**
 * Content words of a message, for the rephrase and topic-pivot measures: lower-cased letter/digit runs,
 * without function words, crudely stemmed so "reversing lists" and "reverse a list" share "revers" and
 * "list". Only the first `maxChars` characters are read: a pasted 200k-char document must not cost more
 * than a question does, and the request itself is almost always at the start.
 */
export const CONTENT_WORDS_MAX_CHARS = 2000;

const STOPWORDS = new Set(
  ('a an the and or but if then so of to in on at by for with about from into over as is are was were be been being am ' +
    'do does did doing have has had having i me my mine we us our you your yours he him his she her it its they them their ' +
    'this that these those there here what which who whom whose when where why how can could would should will shall may might must ' +
    'not no yes just very really also too please some any all more most other such only own same than s t don doesn didn ' +
    'im ive id youre its thats whats hey hi hello okay ok oh well like get got make tell know want need let lets')
    .split(' '),
);

const WORD = /[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu;

/** Strips common English inflections; good enough to match word forms, not a linguistic stemmer. */
export function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('es')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Distinct content-word stems, in order of first appearance. */
export function contentWords(text: string, maxChars = CONTENT_WORDS_MAX_CHARS): string[] {
  const head = text.length > maxChars ? text.slice(0, maxChars) : text;
  const seen = new Set<string>();
  for (const match of head.toLowerCase().replace(/[’‘`]/g, "'").matchAll(WORD)) {
    const word = match[0].replace(/'/g, '');
    if (STOPWORDS.has(word)) continue;
    seen.add(stem(word));
  }
  return [...seen];
}
