import { CHAR_CLASS, CharClass, LOWER } from '../text/char-class';
import type { Lexicon } from './lexicon';

/** Longest phrase, in words: the ring of recent words the scanner keeps. */
export const MAX_PHRASE_WORDS = 8;
const RING_MASK = MAX_PHRASE_WORDS - 1;
/** Words longer than this are never looked up (no lexicon word is that long). */
export const MAX_WORD_CHARS = 24;
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;
// Module-local aliases (imports compile to getters under tsx; foldUnit runs once per word character).
const LOWER_OF = LOWER;
const CLASS = CHAR_CLASS;
const LETTER: number = CharClass.Letter;

const RIGHT_QUOTE = 0x2019;
const APOSTROPHE = 0x27;

/** Case fold used for both hashing and comparing: lower case, ’ read as '. */
export const foldUnit = (c: number): number => (c === RIGHT_QUOTE ? APOSTROPHE : LOWER_OF[c]);

/**
 * Every lexicon's phrases compiled into one word table (open addressing on a 32-bit FNV-1a hash, with
 * the word compared on a hit, so matching is exact) and, per word, the phrases that end with it. One
 * lookup per scanned word serves all lexicons at once. Phrase data sits in flat typed arrays: the
 * scanner walks them for every lexicon word it reads.
 */
export class PhraseMatcher {
  readonly lexicons: readonly Lexicon[];
  private readonly slots = new Map<Lexicon, number>();
  /** Folded code units of every word, back to back; word k spans wordStart[k] .. wordStart[k + 1]. */
  private readonly wordUnits: Uint16Array;
  private readonly wordStart: Int32Array;
  private readonly tableHash: Int32Array;
  private readonly tableWord: Int32Array;
  private readonly mask: number;
  /** Phrases ending with word k: endingList[endingStart[k] .. endingStart[k + 1]]. */
  readonly endingStart: Int32Array;
  readonly endingList: Int32Array;
  /** Words of phrase p: phraseWordList[phraseStart[p] .. phraseStart[p + 1]]. */
  readonly phraseStart: Int32Array;
  readonly phraseWordList: Int32Array;
  readonly phraseSlot: Int32Array;
  readonly phraseMaxStart: Int32Array;
  /** Reused by every scan (scans are synchronous, so one at a time). */
  private readonly state: MatchState;

  constructor(lexicons: readonly Lexicon[]) {
    this.lexicons = lexicons;
    const ids = new Map<string, number>();
    const words: string[] = [];
    const ending: number[][] = [];
    const phrases: { words: number[]; slot: number; maxStart: number }[] = [];
    lexicons.forEach((lexicon, slot) => {
      if (this.slots.has(lexicon)) throw new Error(`lexicon "${lexicon.name}" is registered twice`);
      this.slots.set(lexicon, slot);
      for (const phrase of lexicon.phrases) {
        const split = phrase.split(' ');
        if (split.length > MAX_PHRASE_WORDS) throw new Error(`lexicon "${lexicon.name}": "${phrase}" has more than ${MAX_PHRASE_WORDS} words`);
        const wordIds = split.map((word) => {
          checkWord(lexicon.name, phrase, word);
          let id = ids.get(word);
          if (id === undefined) {
            id = words.length;
            ids.set(word, id);
            words.push(word);
            ending.push([]);
          }
          return id;
        });
        ending[wordIds[wordIds.length - 1]].push(phrases.length);
        phrases.push({ words: wordIds, slot, maxStart: Math.min(lexicon.startsWithin ?? 0x7fffffff, 0x7fffffff) });
      }
    });
    this.wordStart = Int32Array.from([0, ...cumulative(words.map((w) => w.length))]);
    this.wordUnits = Uint16Array.from(words.join(''), (ch) => ch.charCodeAt(0));
    this.endingStart = Int32Array.from([0, ...cumulative(ending.map((list) => list.length))]);
    this.endingList = Int32Array.from(ending.flat());
    this.phraseStart = Int32Array.from([0, ...cumulative(phrases.map((p) => p.words.length))]);
    this.phraseWordList = Int32Array.from(phrases.flatMap((p) => p.words));
    this.phraseSlot = Int32Array.from(phrases.map((p) => p.slot));
    this.phraseMaxStart = Int32Array.from(phrases.map((p) => p.maxStart));
    let size = 16;
    while (size < words.length * 4) size *= 2;
    this.mask = size - 1;
    this.tableHash = new Int32Array(size);
    this.tableWord = new Int32Array(size).fill(-1);
    words.forEach((word, id) => {
      const hash = hashWord(word);
      let at = hash & this.mask;
      while (this.tableWord[at] >= 0) at = (at + 1) & this.mask;
      this.tableHash[at] = hash;
      this.tableWord[at] = id;
    });
    this.state = new MatchState(this);
  }

  slotOf(lexicon: Lexicon): number {
    const slot = this.slots.get(lexicon);
    if (slot === undefined) throw new Error(`lexicon "${lexicon.name}" is not compiled into this matcher`);
    return slot;
  }

  /** Word id of text[start, end) (hash = its folded FNV-1a), or -1 when it is no lexicon word. */
  lookup(text: string, start: number, end: number, hash: number): number {
    let at = hash & this.mask;
    for (;;) {
      const id = this.tableWord[at];
      if (id < 0) return -1;
      if (this.tableHash[at] === hash && this.sameWord(id, text, start, end)) return id;
      at = (at + 1) & this.mask;
    }
  }

  private sameWord(id: number, text: string, start: number, end: number): boolean {
    const from = this.wordStart[id];
    if (this.wordStart[id + 1] - from !== end - start) return false;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (this.wordUnits[from + i - start] !== (c === RIGHT_QUOTE ? APOSTROPHE : LOWER_OF[c])) return false;
    }
    return true;
  }

  /** Starts matching a new text; counts land in `counts` (one per lexicon). */
  begin(counts: Int32Array): MatchState {
    this.state.reset(counts);
    return this.state;
  }
}

function cumulative(sizes: readonly number[]): number[] {
  let total = 0;
  return sizes.map((size) => (total += size));
}

export function hashWord(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ foldUnit(word.charCodeAt(i)), FNV_PRIME);
  return h;
}

function checkWord(lexicon: string, phrase: string, word: string): void {
  const problem = (why: string) => new Error(`lexicon "${lexicon}": phrase "${phrase}" ${why}`);
  if (word.length === 0) throw problem('has an empty word (use single spaces)');
  if (word.length > MAX_WORD_CHARS) throw problem(`has a word longer than ${MAX_WORD_CHARS} characters`);
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    const inside = i > 0 && i < word.length - 1;
    if (c === APOSTROPHE ? !inside : CLASS[c] !== LETTER) throw problem(`has "${word}", which the scanner does not read as one word`);
    if (foldUnit(c) !== c) throw problem(`has "${word}", which is not lower case`);
  }
}

/**
 * The lexicon words of the current text a scan has read (with their positions among all prose words),
 * and the phrase counts so far. Only lexicon words are pushed: a phrase matches when its earlier words
 * are the previous lexicon words at consecutive positions, so other words cost the scanner nothing here.
 */
export class MatchState {
  private readonly ids = new Int32Array(MAX_PHRASE_WORDS);
  private readonly positions = new Int32Array(MAX_PHRASE_WORDS);
  private pushed = 0;
  private sentenceStart = 0;
  private counts: Int32Array = new Int32Array(0);

  constructor(private readonly matcher: PhraseMatcher) {}

  reset(counts: Int32Array): void {
    this.counts = counts;
    this.pushed = 0;
    this.sentenceStart = 0;
  }

  /** Records lexicon word `wordId` read at prose word `position` and counts the phrases it completes. */
  push(wordId: number, position: number): void {
    const at = this.pushed++;
    this.ids[at & RING_MASK] = wordId;
    this.positions[at & RING_MASK] = position;
    const m = this.matcher;
    const last = m.endingStart[wordId + 1];
    for (let k = m.endingStart[wordId]; k < last; k++) {
      const p = m.endingList[k];
      const first = m.phraseStart[p];
      const len = m.phraseStart[p + 1] - first;
      const start = position - len + 1;
      if (len > this.pushed || start < this.sentenceStart || start >= m.phraseMaxStart[p]) continue;
      let j = 1;
      while (j < len && this.positions[(at - j) & RING_MASK] === position - j && this.ids[(at - j) & RING_MASK] === m.phraseWordList[first + len - 1 - j]) j++;
      if (j === len) this.counts[m.phraseSlot[p]]++;
    }
  }

  /** The sentence ends; the next one starts at prose word `nextPosition`. */
  endSentence(nextPosition: number): void {
    this.sentenceStart = nextPosition;
  }
}
