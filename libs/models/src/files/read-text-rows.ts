import fs from 'node:fs';
import { PrefstreamError } from '@prefstream/errors';
import { CsvParser } from './csv';

export type TextFileFormat = 'csv' | 'ndjson';

/** One text read from a file; row counts data rows from 1 (the CSV header is not a row). */
export interface TextRow {
  row: number;
  text: string;
}

export function formatFromPath(file: string): TextFileFormat {
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(ndjson|jsonl)$/i.test(file)) return 'ndjson';
  throw badInput(file, 'cannot tell the format from the extension; pass --format csv|ndjson');
}

function badInput(file: string, detail: string): PrefstreamError {
  return new PrefstreamError(`${file}: ${detail}`, { code: 'CLASSIFY_INPUT_INVALID', retriable: false });
}

/** Streams the text column of a CSV (header row names the columns) or NDJSON file, in file order. */
export async function* readTextRows(file: string, format: TextFileFormat, textColumn: string): AsyncGenerator<TextRow> {
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 });
  if (format === 'csv') yield* csvRows(file, stream, textColumn);
  else yield* ndjsonRows(file, stream, textColumn);
}

async function* csvRows(file: string, chunks: AsyncIterable<string>, textColumn: string): AsyncGenerator<TextRow> {
  const parser = new CsvParser();
  let column = -1;
  let row = 0;
  const take = function* (records: string[][]): Generator<TextRow> {
    for (const record of records) {
      if (column < 0) {
        column = record.indexOf(textColumn);
        if (column < 0) throw badInput(file, `no column "${textColumn}"; columns are ${record.map((c) => JSON.stringify(c)).join(', ')}`);
        continue;
      }
      if (record.length === 1 && record[0] === '') continue; // blank line
      yield { row: ++row, text: record[column] ?? '' };
    }
  };
  for await (const chunk of chunks) yield* take(parser.push(chunk));
  try {
    yield* take(parser.end());
  } catch (error) {
    throw badInput(file, (error as Error).message);
  }
}

async function* ndjsonRows(file: string, chunks: AsyncIterable<string>, textColumn: string): AsyncGenerator<TextRow> {
  let carry = '';
  let line = 0;
  let row = 0;
  const parseLine = (text: string): TextRow | undefined => {
    line++;
    if (text.trim() === '') return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw badInput(file, `line ${line} is not JSON (${(error as Error).message})`);
    }
    const field = (value as Record<string, unknown> | null)?.[textColumn];
    if (typeof field !== 'string') throw badInput(file, `line ${line} has no string field "${textColumn}"`);
    return { row: ++row, text: field };
  };
  for await (const chunk of chunks) {
    const lines = (carry + chunk).split('\n');
    carry = lines.pop()!;
    for (const text of lines) {
      const parsed = parseLine(text);
      if (parsed) yield parsed;
    }
  }
  const last = parseLine(carry);
  if (last) yield last;
}
