/**
 * RFC 4180 CSV, parsed incrementally: quoted fields may hold commas, doubled quotes and newlines (the
 * XSTest completions and Davidson tweets do). Feed chunks with push(); each call returns the records
 * completed so far, so a large file never has to be held in memory at once.
 */
export class CsvParser {
  private field = '';
  private record: string[] = [];
  private inQuotes = false;
  /** A quote seen inside a quoted field: either the closing quote or the first half of `""`. */
  private quotePending = false;
  /** A CR seen outside quotes: the record ends there whether or not LF follows. */
  private crPending = false;
  private sawAnyChar = false;

  push(chunk: string): string[][] {
    const out: string[][] = [];
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.crPending) {
        this.crPending = false;
        if (c === LF) {
          start = i + 1;
          continue;
        }
      }
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (c === QUOTE) {
            this.field += '"';
            start = i + 1;
            continue;
          }
          this.inQuotes = false; // that quote closed the field; handle c as an unquoted character
        } else if (c === QUOTE) {
          this.field += chunk.slice(start, i);
          this.quotePending = true;
          start = i + 1;
          continue;
        } else {
          continue;
        }
      }
      this.sawAnyChar = true;
      if (c === QUOTE && this.field === '' && start === i) {
        this.inQuotes = true;
        start = i + 1;
      } else if (c === COMMA) {
        this.record.push(this.field + chunk.slice(start, i));
        this.field = '';
        start = i + 1;
      } else if (c === LF || c === CR) {
        this.record.push(this.field + chunk.slice(start, i));
        out.push(this.record);
        this.record = [];
        this.field = '';
        this.sawAnyChar = false;
        this.crPending = c === CR;
        start = i + 1;
      }
    }
    this.field += chunk.slice(start);
    return out;
  }

  /** Flushes the last record (a file need not end with a newline). Throws on an unterminated quote. */
  end(): string[][] {
    if (this.inQuotes && !this.quotePending) throw new Error('CSV ends inside a quoted field');
    this.inQuotes = false;
    this.quotePending = false;
    if (!this.sawAnyChar && this.field === '' && this.record.length === 0) return [];
    this.record.push(this.field);
    const last = this.record;
    this.record = [];
    this.field = '';
    this.sawAnyChar = false;
    return [last];
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** Parses a whole CSV text into records (arrays of fields). */
export function parseCsv(text: string): string[][] {
  const parser = new CsvParser();
  return [...parser.push(text), ...parser.end()];
}

/** Parses a CSV text with a header row into objects keyed by column name. */
export function parseCsvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.filter((row) => !(row.length === 1 && row[0] === '')).map((row) => recordToObject(header, row));
}

export function recordToObject(header: readonly string[], row: readonly string[]): Record<string, string> {
  const obj: Record<string, string> = {};
  for (let i = 0; i < header.length; i++) obj[header[i]!] = row[i] ?? '';
  return obj;
}
