/**
 * Seeded pseudo-random numbers: xoshiro128** (period 2^128 - 1) seeded through splitmix32, so a seed
 * reproduces a bootstrap or a reservoir sample exactly on every run and platform.
 */
export interface Prng {
  /** Uniform on [0, 1) with 53 random bits. */
  next(): number;
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** The generator's state, to checkpoint and resume the same sequence. */
  state(): [number, number, number, number];
}

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

/** A generator from an integer seed, or from a state returned by `state()`. */
export function createPrng(seed: number | readonly [number, number, number, number]): Prng {
  let s0: number, s1: number, s2: number, s3: number;
  if (typeof seed === 'number') {
    const mix = splitmix32(seed);
    [s0, s1, s2, s3] = [mix(), mix(), mix(), mix()];
  } else {
    [s0, s1, s2, s3] = seed.map((x) => x >>> 0) as [number, number, number, number];
  }
  if ((s0 | s1 | s2 | s3) === 0) s3 = 1; // the all-zero state is a fixed point
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    s2 = (s2 ^ s0) >>> 0;
    s3 = (s3 ^ s1) >>> 0;
    s1 = (s1 ^ s2) >>> 0;
    s0 = (s0 ^ s3) >>> 0;
    s2 = (s2 ^ t) >>> 0;
    s3 = rotl(s3, 11);
    return result;
  };
  return {
    nextUint32,
    next: () => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992,
    state: () => [s0, s1, s2, s3],
  };
}
