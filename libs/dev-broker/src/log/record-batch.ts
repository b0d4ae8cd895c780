import zlib from 'node:zlib';
import { crc32c } from './crc32c';

/**
 * Kafka record batch (magic v2) header. The broker stores batches verbatim: it only rewrites the base
 * offset, which the CRC does not cover (the CRC covers attributes onwards), so any compression codec
 * passes through untouched.
 */
export interface BatchHeader {
  baseOffset: bigint;
  /** Bytes of the whole batch including the 12-byte offset+length prefix. */
  size: number;
  magic: number;
  crc: number;
  attributes: number;
  lastOffsetDelta: number;
  firstTimestamp: bigint;
  maxTimestamp: bigint;
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

export const BATCH_OVERHEAD = 61;
export const CRC_START = 21; // baseOffset(8) length(4) leaderEpoch(4) magic(1) crc(4)

export class InvalidBatchError extends Error {
  constructor(message: string, readonly errorCode: number) {
    super(message);
  }
}

export function readBatchHeader(buf: Buffer, at = 0): BatchHeader {
  return {
    baseOffset: buf.readBigInt64BE(at),
    size: buf.readInt32BE(at + 8) + 12,
    magic: buf.readInt8(at + 16),
    crc: buf.readUInt32BE(at + 17),
    attributes: buf.readInt16BE(at + 21),
    lastOffsetDelta: buf.readInt32BE(at + 23),
    firstTimestamp: buf.readBigInt64BE(at + 27),
    maxTimestamp: buf.readBigInt64BE(at + 35),
    producerId: buf.readBigInt64BE(at + 43),
    producerEpoch: buf.readInt16BE(at + 51),
    baseSequence: buf.readInt32BE(at + 53),
    recordCount: buf.readInt32BE(at + 57),
  };
}

/** Splits a produce request's records into batches and checks each (magic 2, sizes, CRC-32C). */
export function splitBatches(records: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  while (at < records.length) {
    // Magic first: old message sets (magic 0/1, Produce v0-v2) can be shorter than a v2 batch header.
    if (records.length - at > 16 && records.readInt8(at + 16) !== 2) throw new InvalidBatchError(`message format (magic ${records.readInt8(at + 16)}) is not supported: only record batches (magic 2)`, 43);
    if (records.length - at < BATCH_OVERHEAD) throw new InvalidBatchError('record batch shorter than its header', 2);
    const header = readBatchHeader(records, at);
    if (header.size < BATCH_OVERHEAD || at + header.size > records.length) throw new InvalidBatchError('record batch length does not match the data', 2);
    if (crc32c(records, at + CRC_START, at + header.size) !== header.crc) throw new InvalidBatchError('record batch CRC-32C mismatch', 2);
    if (header.lastOffsetDelta < 0 || header.recordCount < 0) throw new InvalidBatchError('record batch has a negative record count or offset delta', 2);
    if ((header.attributes & 0x07) > 4) throw new InvalidBatchError(`unknown compression codec ${header.attributes & 0x07}`, 76);
    out.push(records.subarray(at, at + header.size));
    at += header.size;
  }
  return out;
}

/** Writes a batch's base offset in place (outside the CRC, so the checksum stays valid). */
export function setBaseOffset(batch: Buffer, baseOffset: bigint): void {
  batch.writeBigInt64BE(baseOffset, 0);
}

function readVarint(buf: Buffer, state: { at: number }): number {
  let value = 0;
  let shift = 0;
  let byte: number;
  do {
    byte = buf[state.at++];
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80 && shift < 35);
  return (value >>> 1) ^ -(value & 1);
}

/**
 * Offsets and timestamps of the records in a batch, for ListOffsets by timestamp. Decodes uncompressed
 * and gzip batches; for other codecs returns undefined (the caller then answers at batch granularity).
 */
export function recordTimestamps(batch: Buffer): { offset: bigint; timestamp: bigint }[] | undefined {
  const header = readBatchHeader(batch);
  const codec = header.attributes & 0x07;
  let body = batch.subarray(BATCH_OVERHEAD);
  if (codec === 1) {
    try {
      body = zlib.gunzipSync(body);
    } catch {
      return undefined; // stored verbatim, so a producer's bad gzip stays its problem: answer at batch granularity
    }
  } else if (codec !== 0) return undefined;
  const out: { offset: bigint; timestamp: bigint }[] = [];
  const state = { at: 0 };
  for (let i = 0; i < header.recordCount; i++) {
    const length = readVarint(body, state);
    const end = state.at + length;
    state.at++; // attributes
    const timestampDelta = readVarint(body, state);
    const offsetDelta = readVarint(body, state);
    out.push({ offset: header.baseOffset + BigInt(offsetDelta), timestamp: header.firstTimestamp + BigInt(timestampDelta) });
    state.at = end;
  }
  return out;
}
