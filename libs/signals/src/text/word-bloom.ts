/**
 * A 512-bit Bloom filter of a response's content-word hashes (hash32 of each word, as in the prompt
 * sketch), two probes per word, packed in a 32-char string (about 80 bytes). The topic-pivot test only
 * asks "is this word of the next prompt among the response's words?"; a false positive (about 18% at
 * 100 distinct words) can only hide a pivot, never invent one, the safe direction for weak evidence.
 */
const BITS = 512;
const probes = (h: number) => [h & (BITS - 1), (h >>> 9) & (BITS - 1)];

export function wordBloom(wordHashes: Iterable<number>): string {
  const cells = new Array<number>(BITS / 16).fill(0);
  for (const h of wordHashes) for (const bit of probes(h)) cells[bit >> 4] |= 1 << (bit & 15);
  return String.fromCharCode(...cells);
}

export function bloomHas(bloom: string, wordHash: number): boolean {
  if (bloom.length === 0) return false;
  return probes(wordHash).every((bit) => (bloom.charCodeAt(bit >> 4) & (1 << (bit & 15))) !== 0);
}
