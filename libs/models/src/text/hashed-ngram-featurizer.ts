import { FEATURE_NAMESPACE, type HashedNgramPreprocessing } from '../manifest/preprocessing-schema';
import * as hashing from './hashing';
import * as textRules from './normalize-text';

// Bound once: tsx/esbuild compile imports to getter calls, too slow per character in the hot loops.
const { fmix32, fnvStep, namespaceSeed } = hashing;
const { isSpaceCode, isWordCode, normalizeText } = textRules;

/** One text as a sparse vector: distinct bucket indices and their (weighted, normalised) values. */
export interface SparseFeatures {
  indices: Int32Array;
  values: Float32Array;
}

const SPACE = 0x20;
const WORD_SEED = namespaceSeed(FEATURE_NAMESPACE.word);
const CHAR_SEED = namespaceSeed(FEATURE_NAMESPACE.char);
const LEAD_SEED = namespaceSeed(FEATURE_NAMESPACE.lead);
/** 1 + ln n for small counts, so the common case needs no Math.log. */
const SUBLINEAR = Float64Array.from({ length: 64 }, (_, n) => (n === 0 ? 0 : 1 + Math.log(n)));

/**
 * Turns text into hashed n-gram features exactly as a manifest's preprocessing block describes.
 * Scratch buffers are reused across calls (an instance is not re-entrant; one per thread), and counts
 * go into an open-addressing table with generation stamps, so nothing is cleared or allocated per text
 * except the two result arrays. A table slot is three adjacent int32s [stamp, bucket, count]: one
 * cache line per probe.
 */
export class HashedNgramFeaturizer {
  private codes = new Uint16Array(1024);
  private tokenStart = new Int32Array(256);
  private tokenEnd = new Int32Array(256);
  private table = new Int32Array(3 << 12);
  private slotMask = (1 << 12) - 1;
  private slotShift = 32 - 12;
  private readonly bucketMask: number;
  private usedSlots = new Int32Array(1 << 11);
  private used = 0;
  private stamp = 0;

  constructor(readonly config: HashedNgramPreprocessing) {
    // Bucket = fmix32(hash) mod buckets; for a power of two that is a mask (same result, cheaper).
    this.bucketMask = (config.buckets & (config.buckets - 1)) === 0 ? config.buckets - 1 : -1;
  }

  featurize(text: string): SparseFeatures {
    const cfg = this.config;
    const length = this.fillCodes(normalizeText(text, cfg));
    const tokens = this.findTokens(length);
    this.startTable(this.featureBound(length, tokens));
    if (cfg.charNgrams) this.addCharNgrams(length, cfg.charNgrams[0], cfg.charNgrams[1]);
    if (cfg.wordNgrams) {
      this.addWordNgrams(tokens, cfg.wordNgrams[0], cfg.wordNgrams[1], WORD_SEED);
      if (cfg.leadWords > 0) this.addWordNgrams(Math.min(tokens, cfg.leadWords), cfg.wordNgrams[0], cfg.wordNgrams[1], LEAD_SEED);
    }
    return this.emit();
  }

  /** Collapses whitespace runs to one space and adds a space at each end, into this.codes. */
  private fillCodes(text: string): number {
    if (this.codes.length < text.length + 2) this.codes = new Uint16Array(text.length * 2 + 2);
    const codes = this.codes;
    let n = 0;
    codes[n++] = SPACE;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (isSpaceCode(c)) {
        if (codes[n - 1] !== SPACE) codes[n++] = SPACE;
      } else {
        codes[n++] = c;
      }
    }
    if (codes[n - 1] !== SPACE) codes[n++] = SPACE;
    return n;
  }

  private findTokens(length: number): number {
    const codes = this.codes;
    let count = 0;
    let i = 0;
    while (i < length) {
      while (i < length && !isWordCode(codes[i]!)) i++;
      if (i >= length) break;
      const start = i;
      while (i < length && isWordCode(codes[i]!)) i++;
      if (count === this.tokenStart.length) this.growTokens();
      this.tokenStart[count] = start;
      this.tokenEnd[count] = i;
      count++;
    }
    return count;
  }

  private growTokens(): void {
    const start = new Int32Array(this.tokenStart.length * 2);
    const end = new Int32Array(this.tokenEnd.length * 2);
    start.set(this.tokenStart);
    end.set(this.tokenEnd);
    this.tokenStart = start;
    this.tokenEnd = end;
  }

  private featureBound(length: number, tokens: number): number {
    const cfg = this.config;
    const charSpan = cfg.charNgrams ? cfg.charNgrams[1] - cfg.charNgrams[0] + 1 : 0;
    const wordSpan = cfg.wordNgrams ? cfg.wordNgrams[1] - cfg.wordNgrams[0] + 1 : 0;
    return length * charSpan + (tokens + Math.min(tokens, cfg.leadWords)) * wordSpan + 1;
  }

  private startTable(bound: number): void {
    let size = this.slotMask + 1;
    if (size < bound * 2) {
      while (size < bound * 2) size *= 2;
      this.table = new Int32Array(size * 3);
      this.slotMask = size - 1;
      this.slotShift = 32 - Math.log2(size);
      this.stamp = 0;
    }
    if (this.usedSlots.length < bound) this.usedSlots = new Int32Array(bound);
    this.used = 0;
    this.stamp = (this.stamp + 1) | 0;
    if (this.stamp === 0) {
      this.table.fill(0);
      this.stamp = 1;
    }
  }

  private add(hash: number): void {
    const mixed = fmix32(hash);
    const bucket = this.bucketMask >= 0 ? mixed & this.bucketMask : mixed % this.config.buckets;
    const table = this.table;
    let slot = Math.imul(bucket, 0x9e3779b1) >>> this.slotShift;
    for (;;) {
      const at = slot * 3;
      if (table[at] !== this.stamp) {
        table[at] = this.stamp;
        table[at + 1] = bucket;
        table[at + 2] = 1;
        this.usedSlots[this.used++] = at;
        return;
      }
      if (table[at + 1] === bucket) {
        table[at + 2]!++;
        return;
      }
      slot = (slot + 1) & this.slotMask;
    }
  }

  private addCharNgrams(length: number, minN: number, maxN: number): void {
    const codes = this.codes;
    for (let i = 0; i + minN <= length; i++) {
      let h = CHAR_SEED;
      const last = Math.min(maxN, length - i);
      for (let k = 0; k < last; k++) {
        h = fnvStep(h, codes[i + k]!);
        if (k + 1 >= minN) this.add(h);
      }
    }
  }

  /** n-grams over the first `tokens` words; words inside one n-gram are joined by a space. */
  private addWordNgrams(tokens: number, minN: number, maxN: number, seed: number): void {
    const codes = this.codes;
    for (let t = 0; t < tokens; t++) {
      let h = seed;
      const last = Math.min(maxN, tokens - t);
      for (let k = 0; k < last; k++) {
        if (k > 0) h = fnvStep(h, SPACE);
        for (let i = this.tokenStart[t + k]!; i < this.tokenEnd[t + k]!; i++) h = fnvStep(h, codes[i]!);
        if (k + 1 >= minN) this.add(h);
      }
    }
  }

  private emit(): SparseFeatures {
    const n = this.used;
    const indices = new Int32Array(n);
    const values = new Float32Array(n);
    const { tf, normalize } = this.config;
    const table = this.table;
    let sumSquares = 0;
    for (let j = 0; j < n; j++) {
      const at = this.usedSlots[j]!;
      const count = table[at + 2]!;
      const w = tf === 'binary' ? 1 : tf === 'raw' ? count : count < 64 ? SUBLINEAR[count]! : 1 + Math.log(count);
      indices[j] = table[at + 1]!;
      values[j] = w;
      sumSquares += w * w;
    }
    if (normalize === 'l2' && sumSquares > 0) {
      const scale = 1 / Math.sqrt(sumSquares);
      for (let j = 0; j < n; j++) values[j]! *= scale;
    }
    return { indices, values };
  }
}
