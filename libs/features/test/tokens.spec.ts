import fs from 'node:fs';
import path from 'node:path';
import { estimateTokens, responseFeatures } from '../src';

interface Fixture {
  rows: { name: string; text: string; o200k: number }[];
}
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'o200k-counts.json'), 'utf8')) as Fixture;

describe('token estimate against real o200k_base counts', () => {
  it.each(fixture.rows.map((r) => [r.name, r] as const))('%s: within 20%% (or 3 tokens)', (_name, row) => {
    const estimate = estimateTokens(row.text);
    expect(Math.abs(estimate - row.o200k)).toBeLessThanOrEqual(Math.max(3, 0.2 * row.o200k));
  });

  it('over all fixture texts, within 5% in total', () => {
    const real = fixture.rows.reduce((n, r) => n + r.o200k, 0);
    const estimated = fixture.rows.reduce((n, r) => n + estimateTokens(r.text), 0);
    expect(Math.abs(estimated - real) / real).toBeLessThan(0.05);
  });

  it('the tokens feature is the estimate of the whole response, code included', () => {
    const text = fixture.rows.find((r) => r.name === 'python code')!.text;
    expect(responseFeatures(text).numeric.tokens).toBe(estimateTokens(text));
  });
});

describe('token estimate rules', () => {
  it.each([
    ['', 0],
    ['hello', 1],
    [' hello world', 2],
    ['1234567', 3], // digit groups of at most three
    ['a  b', 3], // a run of spaces is a token; one space rides on the next word
    ['end.\n\nNext', 3], // line breaks after punctuation join it
    ['x.add(y)', 5], // one punctuation character glues to the word after it, at a small cost
  ])('%j ~ %d', (text, expected) => {
    expect(estimateTokens(text)).toBe(expected);
  });
});
