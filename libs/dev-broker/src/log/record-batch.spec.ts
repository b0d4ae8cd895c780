import zlib from 'node:zlib';
import { buildBatch } from '../../test/record-batches';
import { crc32c } from './crc32c';
import { InvalidBatchError, readBatchHeader, recordTimestamps, splitBatches } from './record-batch';

describe('record batches (magic 2)', () => {
  it('computes CRC-32C with the published check value', () => {
    // The standard check value of CRC-32C (Castagnoli) for the ASCII string "123456789".
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });

  it('splits a produce payload into batches and accepts batches built independently', () => {
    const a = buildBatch([{ value: 'a', timestamp: 10 }]);
    const b = buildBatch([{ value: 'b', timestamp: 20, key: 'k' }, { value: 'c', timestamp: 25 }]);
    const batches = splitBatches(Buffer.concat([a, b]));
    expect(batches.map((x) => x.equals(a) || x.equals(b))).toEqual([true, true]);
    expect(readBatchHeader(batches[1])).toMatchObject({ recordCount: 2, lastOffsetDelta: 1, firstTimestamp: 20n, maxTimestamp: 25n });
    expect(recordTimestamps(batches[1])).toEqual([{ offset: 0n, timestamp: 20n }, { offset: 1n, timestamp: 25n }]);
  });

  it.each([
    ['a flipped byte (CRC-32C mismatch)', (x: Buffer) => (x[x.length - 3] ^= 1), 2],
    ['a length past the payload', (x: Buffer) => x.writeInt32BE(x.readInt32BE(8) + 100, 8), 2],
    ['magic 1', (x: Buffer) => x.writeInt8(1, 16), 43],
  ])('rejects %s', (_what, corrupt, errorCode) => {
    const batch = buildBatch([{ value: 'payload', timestamp: 1 }]);
    corrupt(batch);
    expect(() => splitBatches(batch)).toThrow(InvalidBatchError);
    try {
      splitBatches(batch);
    } catch (error) {
      expect((error as InvalidBatchError).errorCode).toBe(errorCode);
    }
  });

  it('reads record timestamps inside a gzip batch, and gives up (undefined) on a broken one', () => {
    const plain = buildBatch([{ value: 'x', timestamp: 100 }, { value: 'y', timestamp: 90 }]);
    const gz = Buffer.concat([plain.subarray(0, 61), zlib.gzipSync(plain.subarray(61))]);
    gz.writeInt16BE(1, 21); // attributes: gzip (CRC not rechecked by this reader)
    expect(recordTimestamps(gz)).toEqual([{ offset: 0n, timestamp: 100n }, { offset: 1n, timestamp: 90n }]);
    expect(recordTimestamps(Buffer.concat([gz.subarray(0, 61), Buffer.from('not gzip')]))).toBeUndefined();
  });
});
