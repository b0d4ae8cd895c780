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

/**
 * Strips common English inflections, then a final "e", so "make", "makes" and "making" all become
 * "mak" and "games" matches "game"; good enough to match word forms, not a linguistic stemmer.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length > 4 && /(?:s|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;
const isApostrophe = (c: number) => c === 39 || c === 0x2019 || c === 0x2018 || c === 96; // ' ’ ‘ `

/** ASCII by arithmetic, the rest by Unicode property (rare in practice, so the regex cost is too). */
function isWordChar(c: number, lettersOnly: boolean): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (!lettersOnly && c >= 48 && c <= 57);
  const ch = String.fromCharCode(c);
  return lettersOnly ? LETTER.test(ch) : LETTER_OR_DIGIT.test(ch);
}

/**
 * Distinct content-word stems, in order of first appearance. Words are runs of letters and digits,
 * optionally joined by one apostrophe to a run of letters ("don't" -> "dont"); a hand-written scanner,
 * since a Unicode regex over a 2,000-character response cost ~100 us per turn.
 */
export function contentWords(text: string, maxChars = CONTENT_WORDS_MAX_CHARS): string[] {
  const end = Math.min(text.length, maxChars);
  const seen = new Set<string>();
  let i = 0;
  while (i < end) {
    if (!isWordChar(text.charCodeAt(i), false)) {
      i++;
      continue;
    }
    const start = i;
    while (i < end && isWordChar(text.charCodeAt(i), false)) i++;
    let word = text.slice(start, i);
    if (i + 1 < end && isApostrophe(text.charCodeAt(i)) && isWordChar(text.charCodeAt(i + 1), true)) {
      const tail = i + 1;
      i = tail;
      while (i < end && isWordChar(text.charCodeAt(i), true)) i++;
      word += text.slice(tail, i);
    }
    word = word.toLowerCase();
    if (!STOPWORDS.has(word)) seen.add(stem(word));
  }
  return [...seen];
}
