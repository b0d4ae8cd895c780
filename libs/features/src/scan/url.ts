import { CHAR_CLASS, CharClass } from '../text/char-class';

/**
 * End of a URL starting at `start` (http://, https:// or www. followed by a letter or digit), or -1.
 * The URL runs to white space or a closing bracket/quote; trailing sentence punctuation is left out.
 */
export function urlEnd(text: string, start: number): number {
  const second = text.charCodeAt(start + 1);
  if (second !== 0x74 && second !== 0x77) return -1; // ht... or ww...: most words stop here
  let body: number;
  if (text.startsWith('https://', start)) body = start + 8;
  else if (text.startsWith('http://', start)) body = start + 7;
  else if (text.startsWith('www.', start)) body = start + 4;
  else return -1;
  if (body >= text.length || !isWordChar(text.charCodeAt(body))) return -1;
  let end = body;
  while (end < text.length && STOPS[text.charCodeAt(end)] === 0) end++;
  while (end > body && TRAILING.includes(text.charCodeAt(end - 1))) end--;
  return end;
}

// Module-local aliases (imports compile to getters under tsx).
const CLASS = CHAR_CLASS;
const LETTER: number = CharClass.Letter;
const DIGIT: number = CharClass.Digit;
const SPACE: number = CharClass.Space;
const NEWLINE: number = CharClass.Newline;

const TRAILING = [0x2e, 0x2c, 0x3b, 0x3a, 0x21, 0x3f]; // . , ; : ! ?
/** Characters that end a URL: white space and " ' < > ) ] } ` */
const STOPS = new Uint8Array(65536);
for (let c = 0; c < 65536; c++) if (CLASS[c] === SPACE || CLASS[c] === NEWLINE) STOPS[c] = 1;
for (const c of [0x22, 0x27, 0x3c, 0x3e, 0x29, 0x5d, 0x7d, 0x60]) STOPS[c] = 1;

function isWordChar(c: number): boolean {
  const k = CLASS[c];
  return k === LETTER || k === DIGIT;
}
