import { CHAR_CLASS, CharClass } from './char-class';
import { findFences, countCodeBlocks, withoutFencedBlocks } from './fences';

/** Chatbot Arena style-control element counts (fenced code removed before the other three). */
export interface ArenaMarkdownCounts {
  headers: number;
  listItems: number;
  bold: number;
  codeBlocks: number;
}

// Module-local aliases (imports compile to getters under tsx).
const CLASS = CHAR_CLASS;
const SPACE: number = CharClass.Space;
const NEWLINE_CLASS: number = CharClass.Newline;
const DIGIT: number = CharClass.Digit;

const HASH = 0x23;
const DOT = 0x2e;
const NEWLINE = 0x0a;

const isWhite = (c: number): boolean => {
  const k = CLASS[c];
  return k === SPACE || k === NEWLINE_CLASS;
};

/**
 * Counts what the arena's regexes count (FastChat add_markdown_info.count_markdown_elements), line by
 * line instead of six regex passes:
 *   headers  ^#{1,6}\s     (exactly 1-6 '#' at the line start, then any white space, newline included)
 *   lists    ^\s*\d+\.\s  and  ^\s*[-*+]\s
 *   bold     \*\*[^*\n]+\*\*  and  __[^_\n]+__  (non-overlapping, left to right)
 * `^\s*` may swallow blank lines before an item in the regex; that never changes the count, so a
 * line-local check gives the same numbers.
 */
export function arenaMarkdownCounts(text: string, fences: readonly number[] = findFences(text)): ArenaMarkdownCounts {
  const prose = withoutFencedBlocks(text, fences);
  let headers = 0;
  let listItems = 0;
  const n = prose.length;
  for (let start = 0; start < n; ) {
    let nl = prose.indexOf('\n', start);
    if (nl < 0) nl = n;
    if (prose.charCodeAt(start) === HASH) {
      let i = start;
      while (i < n && prose.charCodeAt(i) === HASH) i++;
      if (i - start <= 6 && i < n && isWhite(prose.charCodeAt(i))) headers++;
    } else if (isListItem(prose, start, n)) listItems++;
    start = nl + 1;
  }
  return { headers, listItems, bold: countSpans(prose, '**') + countSpans(prose, '__'), codeBlocks: countCodeBlocks(text, fences) };
}

function isListItem(s: string, start: number, n: number): boolean {
  let i = start;
  while (i < n && s.charCodeAt(i) !== NEWLINE && isWhite(s.charCodeAt(i))) i++;
  if (i >= n) return false;
  const c = s.charCodeAt(i);
  if (c === 0x2d || c === 0x2a || c === 0x2b) return i + 1 < n && isWhite(s.charCodeAt(i + 1));
  if (CLASS[c] !== DIGIT) return false;
  while (i < n && CLASS[s.charCodeAt(i)] === DIGIT) i++;
  return i + 1 < n && s.charCodeAt(i) === DOT && isWhite(s.charCodeAt(i + 1));
}

/** Non-overlapping matches of MARK [^m\n]+ MARK where m is the marker character. Linear: a failed try skips the span it read. */
function countSpans(s: string, mark: '**' | '__'): number {
  const m = mark.charCodeAt(0);
  let count = 0;
  let at = s.indexOf(mark);
  while (at >= 0) {
    let j = at + 2;
    while (j < s.length) {
      const c = s.charCodeAt(j);
      if (c === m || c === NEWLINE) break;
      j++;
    }
    if (j > at + 2 && j + 1 < s.length && s.charCodeAt(j) === m && s.charCodeAt(j + 1) === m) {
      count++;
      at = s.indexOf(mark, j + 2);
    } else at = s.indexOf(mark, j > at + 2 ? j : at + 1);
  }
  return count;
}
