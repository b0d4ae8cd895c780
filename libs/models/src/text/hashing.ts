/**
 * Feature hashing: 32-bit FNV-1a over UTF-16 code units, finished with murmur3's fmix32 so that the low
 * bits (taken modulo the bucket count) are well mixed: bucket = fmix32(hash) mod buckets. FNV is used because it extends one code unit at
 * a time: the char 3-, 4- and 5-grams starting at a position share one running hash.
 */
export const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export function fnvStep(hash: number, codeUnit: number): number {
  return Math.imul(hash ^ codeUnit, FNV_PRIME);
}

export function fmix32(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The starting state of a feature namespace, so a word "abc" and the char 3-gram "abc" differ. */
export function namespaceSeed(namespace: number): number {
  return fnvStep(FNV_OFFSET, namespace);
}
