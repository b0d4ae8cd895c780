import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readNdjsonFile, type SourceRecord } from './index';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ndjson-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};
const readAll = async (file: string, options = {}) => {
  const records: SourceRecord[] = [];
  const batchSizes: number[] = [];
  for await (const batch of readNdjsonFile(file, options)) {
    batchSizes.push(batch.length);
    records.push(...batch);
  }
  return { records, batchSizes, text: records.map((r) => Buffer.from(r.value).toString('utf8')) };
};

describe('readNdjsonFile', () => {
  it('yields nothing for an empty file', async () => {
    expect((await readAll(write('empty.ndjson', ''))).records).toEqual([]);
  });

  it('reads one line with or without a trailing newline, and strips CRLF', async () => {
    expect((await readAll(write('one.ndjson', '{"a":1}'))).text).toEqual(['{"a":1}']);
    expect((await readAll(write('one-nl.ndjson', '{"a":1}\r\n'))).text).toEqual(['{"a":1}']);
  });

  it('skips blank lines but keeps file line numbers', async () => {
    const { records } = await readAll(write('blank.ndjson', 'a\n\n  \nb\n'));
    expect(records.map((r) => r.position)).toEqual([
      { kind: 'file', path: path.join(dir, 'blank.ndjson'), line: 1 },
      { kind: 'file', path: path.join(dir, 'blank.ndjson'), line: 4 },
    ]);
  });

  it('splits lines across tiny chunks and batches them', async () => {
    const lines = Array.from({ length: 25 }, (_, i) => JSON.stringify({ i, pad: 'é'.repeat(i) }));
    const { text, batchSizes } = await readAll(write('many.ndjson', lines.join('\n') + '\n'), { chunkBytes: 7, batchSize: 10 });
    expect(text).toEqual(lines);
    expect(batchSizes).toEqual([10, 10, 5]);
  });

  it('keeps invalid UTF-8 bytes as they are (the decoder rejects them per line)', async () => {
    const { records } = await readAll(write('bad.ndjson', Buffer.from([0x7b, 0xc0, 0xaf, 0x7d, 0x0a, 0x7b, 0x7d])));
    expect(Array.from(records[0].value)).toEqual([0x7b, 0xc0, 0xaf, 0x7d]);
    expect(records).toHaveLength(2);
  });

  it('cuts an oversize line without buffering it and resumes at the next line', async () => {
    const big = 'x'.repeat(5000);
    const { records, text } = await readAll(write('big.ndjson', `ok1\n${big}\nok2\n`), { maxLineBytes: 100, chunkBytes: 64 });
    expect(text[0]).toBe('ok1');
    expect(records[1].value.length).toBe(101);
    expect(records[1].truncatedFromBytes).toBe(5000);
    expect(records[1].position).toMatchObject({ line: 2 });
    expect(text[2]).toBe('ok2');
  });

  it('streams a 100 MB file in bounded memory', async () => {
    const file = path.join(dir, 'large.ndjson');
    const line = JSON.stringify({ pad: 'y'.repeat(1000) }) + '\n';
    const fd = fs.openSync(file, 'w');
    const block = line.repeat(1000);
    for (let i = 0; i < 100; i++) fs.writeSync(fd, block);
    fs.closeSync(fd);
    expect(fs.statSync(file).size).toBeGreaterThan(100_000_000);
    let count = 0;
    let bytesRead = 0;
    let bytesReadAtFirstBatch = -1;
    for await (const batch of readNdjsonFile(file, { batchSize: 500, onProgress: (n) => (bytesRead = n) })) {
      if (bytesReadAtFirstBatch < 0) bytesReadAtFirstBatch = bytesRead;
      count += batch.length;
    }
    expect(count).toBe(100_000);
    // Streaming: the first batch is handed out after about one read chunk, not after the whole file.
    expect(bytesReadAtFirstBatch).toBeLessThanOrEqual(2 << 20);
    expect(bytesRead).toBe(fs.statSync(file).size);
  });
});
