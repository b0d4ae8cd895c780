import fc from 'fast-check';
import { HashedNgramFeaturizer, packBatch, type HashedNgramPreprocessing } from '../src';

const config: HashedNgramPreprocessing = {
  kind: 'hashed-ngrams',
  lowercase: true,
  maskUrlsAndMentions: true,
  maxChars: 200,
  tokenizer: 'alnum-apostrophe',
  wordNgrams: [1, 2],
  charNgrams: [3, 5],
  leadWords: 0,
  hash: 'fnv1a32-fmix32',
  buckets: 1 << 12,
  paddingIndex: 1 << 12,
  tf: 'sublinear',
  normalize: 'l2',
};

const asMap = (f: { indices: Int32Array; values: Float32Array }) => new Map(Array.from(f.indices, (idx, j) => [idx, f.values[j]!]));

describe('HashedNgramFeaturizer', () => {
  const featurizer = new HashedNgramFeaturizer(config);

  it('emits distinct in-range buckets with an L2 norm of 1', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 300 }), (text) => {
        const f = featurizer.featurize(text);
        expect(new Set(f.indices).size).toBe(f.indices.length);
        expect(f.indices.every((i) => i >= 0 && i < config.buckets)).toBe(true);
        const norm = Math.sqrt(f.values.reduce((a, v) => a + v * v, 0));
        if (f.indices.length > 0) expect(norm).toBeCloseTo(1, 5); // whitespace-only text has no features
      }),
    );
  });

  it('is case-, whitespace- and apostrophe-insensitive, and masks URLs and @mentions', () => {
    expect(asMap(featurizer.featurize("I Can't  help\nwith that"))).toEqual(asMap(featurizer.featurize('i can’t help with that')));
    expect(asMap(featurizer.featurize('@bob see https://x.io/a'))).toEqual(asMap(featurizer.featurize('@alice see http://y.org/b?c')));
  });

  it('reads only the first maxChars characters', () => {
    const head = 'a'.repeat(150) + ' tail words';
    expect(asMap(featurizer.featurize(head + ' more '.repeat(40)))).toEqual(asMap(featurizer.featurize(head + ' more '.repeat(8).slice(0, 200 - head.length))));
  });

  it('weights repeats sublinearly: a word said 3 times weighs 1 + ln 3 before normalising', () => {
    const words = new HashedNgramFeaturizer({ ...config, charNgrams: null, wordNgrams: [1, 1], normalize: 'none' });
    const f = words.featurize('no no no yes');
    expect([...f.values].sort()).toEqual([1, Math.fround(1 + Math.log(3))]);
  });

  it('reuses its buffers without leaking state from a longer text into a shorter one', () => {
    const fresh = () => new HashedNgramFeaturizer(config);
    featurizer.featurize('x'.repeat(5000));
    expect(asMap(featurizer.featurize('short one'))).toEqual(asMap(fresh().featurize('short one')));
  });
});

describe('packBatch', () => {
  it('pads ragged rows with the padding index and zero weights', () => {
    const rows = [
      { indices: Int32Array.of(5, 9), values: Float32Array.of(0.6, 0.8) },
      { indices: Int32Array.of(), values: Float32Array.of() },
    ];
    const batch = packBatch(rows, 4096);
    expect(batch).toMatchObject({ rows: 2, width: 2 });
    expect([...batch.indices]).toEqual([5n, 9n, 4096n, 4096n]);
    expect([...batch.values]).toEqual([Math.fround(0.6), Math.fround(0.8), 0, 0]);
  });
});
