import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { batchSpan, buildBatch, seededRandom, splitFetched } from '../../test/record-batches';
import { PartitionLog, type LogOptions } from './partition-log';

interface Appended {
  base: bigint;
  last: bigint;
  bytes: Buffer;
}

/** Appends `n` batches of 1-5 records with jittered (non-monotone) timestamps; returns what a brute force needs. */
function fill(log: PartitionLog, n: number, random: () => number, t0 = 1_700_000_000_000) {
  const batches: Appended[] = [];
  const timestamps: number[] = [];
  for (let i = 0; i < n; i++) {
    const records = Array.from({ length: 1 + Math.floor(random() * 5) }, () => ({ value: 'v'.repeat(10 + Math.floor(random() * 300)), timestamp: t0 + i * 10 + Math.floor(random() * 200) }));
    const batch = buildBatch(records);
    log.append([batch], Date.now());
    const { base, last } = batchSpan(batch);
    batches.push({ base, last, bytes: Buffer.from(batch) });
    records.forEach((r, k) => (timestamps[Number(base) + k] = r.timestamp));
  }
  return { batches, timestamps };
}

function batchHolding(batches: Appended[], offset: bigint): number {
  let lo = 0;
  let hi = batches.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (batches[mid].last < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Random reads, each checked against the appended batches: whole batches, from the one holding the offset, within the limit. */
function checkReads(log: PartitionLog, batches: Appended[], random: () => number, count: number): void {
  const start = Number(log.logStartOffset);
  const end = Number(log.nextOffset);
  for (let k = 0; k < count; k++) {
    const offset = start + Math.floor(random() * (end - start));
    const maxBytes = 1 + Math.floor(random() * 6000);
    const minOne = random() < 0.5;
    const got = splitFetched(log.read(BigInt(offset), maxBytes, minOne));
    const j = batchHolding(batches, BigInt(offset));
    if (got.length === 0) {
      expect(!minOne && batches[j].bytes.length > maxBytes).toBe(true);
      continue;
    }
    expect(got.every((batch, i) => batch.equals(batches[j + i].bytes))).toBe(true);
    const total = got.reduce((n, b) => n + b.length, 0);
    if (got.length > 1 || !minOne) expect(total).toBeLessThanOrEqual(maxBytes);
  }
}

const bruteForceOffsetForTimestamp = (timestamps: number[], from: number, target: number) => {
  for (let o = from; o < timestamps.length; o++) if (timestamps[o] >= target) return BigInt(o);
  return -1n;
};

describe('PartitionLog', () => {
  const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'partition-log-'));

  it('keeps a sparse index (entries per KiB, not per batch) and reads any offset back from disk, before and after a restart', () => {
    const dir = tmp();
    const options: LogOptions = { dir, segmentBytes: 64 * 1024, indexIntervalBytes: 4096 };
    let log = new PartitionLog(options);
    const random = seededRandom(1);
    const { batches } = fill(log, 6000, random);
    expect(log.segmentCount).toBeGreaterThan(10);
    expect(log.indexEntries).toBeLessThanOrEqual(Math.ceil(log.sizeBytes / 4096) + log.segmentCount);
    expect(log.indexEntries).toBeLessThan(batches.length / 5); // batches average ~0.5 KiB here
    checkReads(log, batches, random, 400);
    const size = log.sizeBytes;
    const entries = log.indexEntries;
    log.close();

    log = new PartitionLog(options); // from the saved indexes
    expect([log.nextOffset, log.sizeBytes, log.indexEntries]).toEqual([batches[batches.length - 1].last + 1n, size, entries]);
    checkReads(log, batches, random, 400);
    log.close();

    for (const f of fs.readdirSync(dir)) if (f.endsWith('.index')) fs.rmSync(path.join(dir, f));
    log = new PartitionLog(options); // rebuilt by scanning the segments
    expect([log.nextOffset, log.sizeBytes, log.indexEntries]).toEqual([batches[batches.length - 1].last + 1n, size, entries]);
    checkReads(log, batches, random, 400);
    log.close();
  });

  it('after a crash, cuts a torn write and a corrupt last batch, and appends after the last good one', () => {
    const dir = tmp();
    const options: LogOptions = { dir, segmentBytes: 64 * 1024 };
    const crashed = new PartitionLog(options);
    const { batches } = fill(crashed, 1000, seededRandom(2));
    // No close(): the active segment's index is never saved, as after kill -9.
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.log')).sort();
    const lastFile = path.join(dir, files[files.length - 1]);
    const lastBatch = batches[batches.length - 1];
    const bytes = fs.readFileSync(lastFile);
    const at = bytes.length - lastBatch.bytes.length + 70; // inside the last batch's records
    bytes[at] ^= 0xff;
    fs.writeFileSync(lastFile, Buffer.concat([bytes, lastBatch.bytes.subarray(0, 40)])); // plus a torn half batch

    const log = new PartitionLog(options);
    expect(log.nextOffset).toBe(lastBatch.base);
    checkReads(log, batches.slice(0, -1), seededRandom(3), 200);
    const again = buildBatch([{ value: 'after recovery', timestamp: Date.now() }]);
    expect(log.append([again], Date.now())).toBe(lastBatch.base);
    expect(splitFetched(log.read(lastBatch.base, 1 << 20))[0].equals(again)).toBe(true);
    log.close();
    crashed.close();
  });

  it.each([['on disk', true], ['in memory', false]])('finds the earliest offset at or after a timestamp as a brute-force search does (%s)', (_name, onDisk) => {
    const log = new PartitionLog({ dir: onDisk ? tmp() : undefined, segmentBytes: 32 * 1024, indexIntervalBytes: 1024 });
    const random = seededRandom(4);
    const t0 = 1_700_000_000_000;
    const { timestamps } = fill(log, 3000, random, t0);
    for (let k = 0; k < 300; k++) {
      const target = t0 - 50 + Math.floor(random() * 30_400);
      expect(log.offsetForTimestamp(BigInt(target))).toBe(bruteForceOffsetForTimestamp(timestamps, 0, target));
    }
    log.close();
  });

  it('in memory, bounds itself by retention: whole old segments go and the start offset moves to a batch boundary', () => {
    const log = new PartitionLog({ segmentBytes: 32 * 1024, retentionBytes: 128 * 1024 });
    const { batches } = fill(log, 5000, seededRandom(5));
    const total = batches.reduce((n, b) => n + b.bytes.length, 0);
    expect(total).toBeGreaterThan(1024 * 1024);
    expect(log.sizeBytes).toBeLessThanOrEqual(128 * 1024 + 32 * 1024);
    expect(batches.some((b) => b.base === log.logStartOffset)).toBe(true);
    expect(log.logStartOffset).toBeGreaterThan(0n);
    checkReads(log, batches, seededRandom(6), 200);
  });

  it('does not append a retried idempotent batch twice', () => {
    const log = new PartitionLog({ segmentBytes: 1 << 20 });
    fill(log, 3, seededRandom(7));
    const batch = () => buildBatch([{ value: 'once', timestamp: 1 }, { value: 'twice?', timestamp: 2 }], { producerId: 42n, baseSequence: 0 });
    expect(log.append([batch()], 0)).toBe(log.nextOffset - 2n);
    const next = log.nextOffset;
    expect(log.append([batch()], 0)).toBe(next - 2n);
    expect(log.nextOffset).toBe(next);
  });
});
