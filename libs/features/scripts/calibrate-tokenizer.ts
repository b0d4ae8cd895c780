// Calibrates and checks the token estimate against o200k_base (the tokenizer behind the arena's
// token_len). The reference tokenizer is not a dependency of the repo: install `gpt-tokenizer` anywhere
// and point at it, e.g.
//   (cd /tmp/tok && npm i gpt-tokenizer@4.0.0)
//   node bin/run-ts.js libs/features/scripts/calibrate-tokenizer.ts --tokenizer /tmp/tok/node_modules/gpt-tokenizer/cjs/encoding/o200k_base.js
// Prints JSON: the fitted per-run costs (mean real tokens of a word / punctuation run by length, per
// character of other scripts) and the error of the current estimate per corpus. Needs ../shared/datasets.
import { parseArgs } from 'node:util';
import { estimateTokens } from '../src';
import { copilotCompletions, hhRlhfResponses, xstestCompletions, xstestPrompts } from '../test/helpers/datasets';
import { SCRIPT_SAMPLES } from './script-samples';

interface Encoder {
  encode(text: string): number[];
}

const { values } = parseArgs({ options: { tokenizer: { type: 'string' } } });
if (!values.tokenizer) {
  console.error('usage: calibrate-tokenizer.ts --tokenizer <path to gpt-tokenizer/cjs/encoding/o200k_base.js>');
  process.exit(2);
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const encoder = require(values.tokenizer) as Encoder;
const count = (text: string) => encoder.encode(text).length;

const corpora: Record<string, string[]> = {
  'xstest completions (prose + markdown)': xstestCompletions(),
  'hh-rlhf helpful responses (prose)': hhRlhfResponses('helpful-base'),
  'copilot-arena completions (code)': copilotCompletions().filter((t) => t.trim() !== ''),
  'xstest prompts (short)': xstestPrompts(),
  'other scripts (hand-written samples)': Object.values(SCRIPT_SAMPLES),
};

function fitByLength(pieces: Iterable<string>, prefix: string, max: number): number[] {
  const sum = new Array<number>(max + 1).fill(0);
  const n = new Array<number>(max + 1).fill(0);
  for (const piece of pieces) {
    const k = Math.min(piece.length, max);
    sum[k] += count(prefix + piece) - (prefix === '' ? 0 : 0);
    n[k]++;
  }
  return sum.map((s, k) => (n[k] > 0 ? Number((s / n[k]).toFixed(2)) : 0));
}

const prose = [...corpora['xstest completions (prose + markdown)'], ...corpora['hh-rlhf helpful responses (prose)']];
const words = prose.flatMap((t) => t.match(/[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z\u00C0-\u024F]+)*/g) ?? []);
const punct = prose.flatMap((t) => t.match(/[^\s\p{L}\p{N}]+/gu) ?? []);
const perChar: Record<string, number> = {};
for (const [name, sample] of Object.entries(SCRIPT_SAMPLES)) perChar[name] = Number((count(sample) / sample.replace(/\s/g, '').length).toFixed(3));

const errors: Record<string, { texts: number; realTokens: number; estimatedTokens: number; ratio: number; meanAbsPctError: number; p90AbsPctError: number }> = {};
for (const [name, texts] of Object.entries(corpora)) {
  let real = 0;
  let estimated = 0;
  const pct: number[] = [];
  for (const text of texts) {
    const r = count(text);
    const e = estimateTokens(text);
    real += r;
    estimated += e;
    if (r > 0) pct.push(Math.abs(e - r) / r);
  }
  pct.sort((a, b) => a - b);
  errors[name] = {
    texts: texts.length,
    realTokens: real,
    estimatedTokens: estimated,
    ratio: Number((estimated / real).toFixed(3)),
    meanAbsPctError: Number(((100 * pct.reduce((a, b) => a + b, 0)) / pct.length).toFixed(1)),
    p90AbsPctError: Number((100 * pct[Math.floor(pct.length * 0.9)]).toFixed(1)),
  };
}

const perScriptRatio = Object.fromEntries(Object.entries(SCRIPT_SAMPLES).map(([name, text]) => [name, Number((estimateTokens(text) / count(text)).toFixed(2))]));

console.log(
  JSON.stringify(
    {
      tokenizer: 'o200k_base (gpt-tokenizer)',
      fitted: {
        latinWordCostByLength: fitByLength(words, ' ', 16),
        punctRunCostByLength: fitByLength(punct, '', 6),
        tokensPerCharByScript: perChar,
      },
      errors,
      estimateOverRealPerScriptSample: perScriptRatio,
    },
    null,
    2,
  ),
);
