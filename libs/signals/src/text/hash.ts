/**
 * Small deterministic string hashes. Sketches and dedup keys must be identical on every machine and
 * across restarts (they are checkpointed), so no per-process random seeds.
 */

const imul = Math.imul; // module-local alias: these run per character and per gram

/** Murmur3's 32-bit finaliser: spreads the bits of a weak hash (avalanche). */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units with a seed, finalised: an unsigned 32-bit hash. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = imul(h, 0x01000193);
  }
  return fmix32(h);
}

const TWO_POW_32 = 4294967296;

/**
 * A 53-bit hash (exact in a double) of an id, for dedup sets: two independent 32-bit hashes, 21 bits of
 * one above 32 of the other. Among the few dozen recent ids kept per conversation a collision has
 * probability around 1e-13.
 */
export function hash53(text: string): number {
  const high = hash32(text, 0x9747b28c) & 0x1fffff;
  return high * TWO_POW_32 + hash32(text);
}
