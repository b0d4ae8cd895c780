import { arenaMarkdownCounts } from '../src';
import { copilotCompletions, datasetsPresent, hhRlhfResponses, SKIP_MESSAGE, xstestCompletions } from './helpers/datasets';

/**
 * Independent reference: the arena's regexes (FastChat count_markdown_elements) run as regexes, with
 * Python's multiline ^ (after \n only) written as a lookbehind, after removing fenced blocks the way
 * this lib defines them (``` to the next ``` or to the end) and leaving one inert character.
 */
function reference(text: string) {
  const blocks = text.match(/```[\s\S]*?```|```[\s\S]*$/g) ?? [];
  const codeBlocks = blocks.filter((b) => (b.length >= 6 && b.endsWith('```') ? b.slice(3, -3) : b.slice(3)).length > 0).length;
  const prose = text.replace(/```[\s\S]*?```|```[\s\S]*$/g, '`');
  const count = (re: RegExp) => (prose.match(re) ?? []).length;
  return {
    headers: count(/(?<![^\n])#{1,6}(?!#)\s/g),
    listItems: count(/(?<![^\n])\s*\p{Nd}+\.\s/gu) + count(/(?<![^\n])\s*[-*+]\s/gu),
    bold: count(/\*\*[^*\n]+\*\*/g) + count(/__[^_\n]+__/g),
    codeBlocks,
  };
}

describe('arena markdown counts', () => {
  it.each([
    ['headers 1-6 need white space after the hashes; 7 hashes or none is no header', '# a\n## b\n###### c\n####### d\n#e\n #f', { headers: 3 }],
    ['a bare "#" line is a header (\\s matches the newline), as in the arena regex', '#\ntext', { headers: 1 }],
    ['ordered and unordered items, nested ones too', '1. a\n2) no\n  10. b\n- c\n  * d\n+ e\n-f\n---', { listItems: 5 }],
    ['an item marker at the very end has no white space after it', 'x\n-', { listItems: 0 }],
    ['bold spans do not cross line breaks or contain the marker', '**a** **b\nc** __e__ __f_g__', { bold: 2 }],
    ['markdown inside fenced code is not counted; the block is', '```md\n# h\n- i\n**b**\n```\n# real', { headers: 1, listItems: 0, bold: 0, codeBlocks: 1 }],
    ['only a code block', '```python\nprint(1)\n```', { headers: 0, listItems: 0, bold: 0, codeBlocks: 1 }],
    ['an unclosed fence runs to the end (stopped generation)', 'See:\n```py\n# comment\n- x', { headers: 0, listItems: 0, codeBlocks: 1 }],
    ['an empty block is no code block', '``````', { codeBlocks: 0 }],
    ['text right after a closing fence is not at a line start', '```\nx\n```- y', { listItems: 0 }],
    ['nested markdown: bold inside list items under headers', '## Plan\n1. **First** step\n   - **sub** item\n2. __Second__', { headers: 1, listItems: 3, bold: 3 }],
  ])('%s', (_name, text, expected) => {
    const counts = arenaMarkdownCounts(text);
    expect(counts).toMatchObject(expected);
    expect(counts).toEqual(reference(text));
  });

  it('is zero for empty text', () => {
    expect(arenaMarkdownCounts('')).toEqual({ headers: 0, listItems: 0, bold: 0, codeBlocks: 0 });
  });

  const real = datasetsPresent() ? describe : describe.skip;
  if (!datasetsPresent()) console.warn(SKIP_MESSAGE);
  real('on real responses (XSTest completions, Copilot Arena completions, hh-rlhf helpful responses)', () => {
    const corpora: Record<string, string[]> = datasetsPresent()
      ? { xstest: xstestCompletions(), copilot: copilotCompletions(), 'hh-rlhf': hhRlhfResponses('helpful-base') }
      : {};

    it.each(Object.keys(corpora))('%s: equal to the regex reference on every response', (name) => {
      const texts = corpora[name];
      const mismatches = texts.filter((t) => JSON.stringify(arenaMarkdownCounts(t)) !== JSON.stringify(reference(t)));
      expect(mismatches.slice(0, 3)).toEqual([]);
    });

    it('the XSTest completions really exercise lists, bold and code', () => {
      const totals = xstestCompletions().map((t) => arenaMarkdownCounts(t)).reduce((a, c) => ({ headers: a.headers + c.headers, listItems: a.listItems + c.listItems, bold: a.bold + c.bold, codeBlocks: a.codeBlocks + c.codeBlocks }));
      expect(totals.listItems).toBeGreaterThan(1000);
      expect(totals.codeBlocks).toBeGreaterThan(10);
      expect(totals.bold).toBeGreaterThan(0);
    });
  });
});
