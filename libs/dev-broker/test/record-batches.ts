/**
 * Builds Kafka record batches (magic 2, uncompressed) for tests, from the protocol guide's layout,
 * independently of the broker's codec. The CRC-32C is bitwise (no table), so it checks the broker's
 * table-driven one rather than reusing it.
 */
export interface TestRecord {
  value: string;
  timestamp: number;
  key?: string;
}

function crc32cBitwise(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function varint(value: number): Buffer {
  let v = (value << 1) ^ (value >> 31); // zig-zag, values fit in 32 bits here
  const out: number[] = [];
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v) byte |= 0x80;
    out.push(byte);
  } while (v);
  return Buffer.from(out);
}

export function buildBatch(records: TestRecord[], options: { producerId?: bigint; baseSequence?: number } = {}): Buffer {
  const first = Math.min(...records.map((r) => r.timestamp));
  const max = Math.max(...records.map((r) => r.timestamp));
  const body = Buffer.concat(records.map((r, i) => {
    const key = r.key === undefined ? varint(-1) : Buffer.concat([varint(Buffer.byteLength(r.key)), Buffer.from(r.key)]);
    const fields = Buffer.concat([Buffer.from([0]), varint(r.timestamp - first), varint(i), key, varint(Buffer.byteLength(r.value)), Buffer.from(r.value), varint(0)]);
    return Buffer.concat([varint(fields.length), fields]);
  }));
  const afterCrc = Buffer.alloc(40);
  afterCrc.writeInt16BE(0, 0); // attributes: no compression, CreateTime
  afterCrc.writeInt32BE(records.length - 1, 2); // last offset delta
  afterCrc.writeBigInt64BE(BigInt(first), 6);
  afterCrc.writeBigInt64BE(BigInt(max), 14);
  afterCrc.writeBigInt64BE(options.producerId ?? -1n, 22);
  afterCrc.writeInt16BE(options.producerId === undefined ? -1 : 0, 30);
  afterCrc.writeInt32BE(options.baseSequence ?? -1, 32);
  afterCrc.writeInt32BE(records.length, 36);
  const crcInput = Buffer.concat([afterCrc, body]);
  const head = Buffer.alloc(21);
  head.writeBigInt64BE(0n, 0); // base offset: assigned by the broker
  head.writeInt32BE(9 + crcInput.length, 8); // batch length: from partition leader epoch to the end
  head.writeInt32BE(-1, 12); // partition leader epoch
  head.writeInt8(2, 16); // magic
  head.writeUInt32BE(crc32cBitwise(crcInput), 17);
  return Buffer.concat([head, crcInput]);
}

/** Offsets and timestamps of the records of a batch built above (to state expectations independently). */
export function batchSpan(batch: Buffer): { base: bigint; last: bigint } {
  const base = batch.readBigInt64BE(0);
  return { base, last: base + BigInt(batch.readInt32BE(23)) };
}

/** Splits a fetch result into its batches by their length prefix. */
export function splitFetched(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at + 12 <= bytes.length; ) {
    const size = bytes.readInt32BE(at + 8) + 12;
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

/** A small seeded PRNG (mulberry32) so failures reproduce. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
