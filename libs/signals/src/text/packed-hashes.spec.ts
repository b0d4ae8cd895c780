import fc from 'fast-check';
import { packHashes, unpackHashes } from './packed-hashes';
import { bloomHas, wordBloom } from './word-bloom';

describe('packed hashes', () => {
  it('round-trip any unsigned 32-bit values, also through JSON (lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffffffff }), { maxLength: 64 }), (values) => {
        expect(unpackHashes(packHashes(values))).toEqual(values);
        expect(unpackHashes(JSON.parse(JSON.stringify(packHashes(values))))).toEqual(values);
      }),
      { numRuns: 500, seed: 3 },
    );
    expect(unpackHashes(packHashes([0xd800, 0xdc00_0000, 0xffff_ffff]))).toEqual([0xd800, 0xdc00_0000, 0xffff_ffff]);
  });
});

describe('word bloom filter', () => {
  it('never misses a word it holds, and rejects most others at 100 words', () => {
    const held = Array.from({ length: 100 }, (_, i) => (i * 2654435761) >>> 0);
    const bloom = wordBloom(held);
    expect(held.every((h) => bloomHas(bloom, h))).toBe(true);
    const others = Array.from({ length: 2000 }, (_, i) => ((i + 1000) * 40503 * 65537) >>> 0);
    expect(others.filter((h) => bloomHas(bloom, h)).length / others.length).toBeLessThan(0.3);
    expect(bloomHas('', held[0])).toBe(false);
  });
});
