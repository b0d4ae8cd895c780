import fc from 'fast-check';
import { CsvParser, parseCsv } from '../src';
import { describeWithDatasets, readCsv } from './helpers/datasets';

function toCsv(records: string[][]): string {
  const field = (f: string) => (/[",\r\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f);
  return records.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

describe('CsvParser', () => {
  it('handles quoted commas, doubled quotes, newlines inside quotes, CRLF and a missing final newline', () => {
    const text = 'id,text\n1,"a, ""quoted""\nline"\r\n2,plain\n3,"x\r\ny"';
    expect(parseCsv(text)).toEqual([['id', 'text'], ['1', 'a, "quoted"\nline'], ['2', 'plain'], ['3', 'x\r\ny']]);
  });

  it('parses any table it is given back, however the text is cut into chunks', () => {
    const fieldArb = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é') });
    fc.assert(
      fc.property(fc.array(fc.array(fieldArb, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 5 }), (records, cuts) => {
        const text = toCsv(records);
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const parser = new CsvParser();
        const out: string[][] = [];
        let last = 0;
        for (const p of [...points, text.length]) {
          out.push(...parser.push(text.slice(last, p)));
          last = p;
        }
        out.push(...parser.end());
        expect(out).toEqual(records);
      }),
    );
  });

  it('rejects a file that ends inside a quoted field', () => {
    expect(() => parseCsv('a,"unterminated\n')).toThrow('inside a quoted field');
  });
});

describeWithDatasets('CsvParser on the real files', () => {
  it('reads the XSTest completions (multi-line quoted answers) as 450 labelled rows per model', () => {
    for (const model of ['llama2orig', 'llama2new', 'mistralinstruct']) {
      const rows = readCsv(`xstest/completions_${model}.csv`);
      expect(rows).toHaveLength(450);
      expect(rows.every((r) => /^[123]_(full_compliance|full_refusal|partial_refusal)$/.test(r['final_label']!))).toBe(true);
      expect(rows.some((r) => r['completion']!.includes('\n'))).toBe(true);
    }
  });

  it('reads all 24,783 Davidson tweets with a class in 0..2', () => {
    const rows = readCsv('davidson/labeled_data.csv');
    expect(rows).toHaveLength(24783);
    expect(rows.every((r) => ['0', '1', '2'].includes(r['class']!))).toBe(true);
  });
});
