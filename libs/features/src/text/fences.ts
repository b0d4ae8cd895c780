/**
 * Fenced code blocks as Chatbot Arena's style control sees them: a block runs from one ``` to the next
 * ``` wherever they stand (not only at line starts). Unlike the arena regex (```([^`]*)```), the body
 * may contain single backticks (template literals, inline code in comments), and an unclosed fence
 * (a stopped generation) runs to the end of the text, as markdown renderers show it.
 */
const FENCE = '```';

/**
 * Flat [start, end) pairs of the blocks, fences included, in text order. Allocates nothing when the
 * text has no fence (the common case).
 */
export function findFences(text: string): number[] {
  let open = text.indexOf(FENCE);
  if (open < 0) return NO_FENCES;
  const ranges: number[] = [];
  while (open >= 0) {
    const close = text.indexOf(FENCE, open + 3);
    const end = close < 0 ? text.length : close + 3;
    ranges.push(open, end);
    open = close < 0 ? -1 : text.indexOf(FENCE, end);
  }
  return ranges;
}
const NO_FENCES: number[] = [];

/** Blocks whose body (between the fences, language tag included) has at least one character. */
export function countCodeBlocks(text: string, fences: readonly number[]): number {
  let blocks = 0;
  for (let k = 0; k < fences.length; k += 2) {
    const bodyStart = fences[k] + 3;
    const end = fences[k + 1];
    const closed = end - 3 >= bodyStart && text.startsWith(FENCE, end - 3);
    if ((closed ? end - 3 : end) > bodyStart) blocks++;
  }
  return blocks;
}

/**
 * The text with every block replaced by one backtick: arena's remove_pattern leaves the fences (``````)
 * where the block was, so what follows a closing fence is never at a line start; one inert character
 * keeps that. Returns the text itself when there is no block.
 */
export function withoutFencedBlocks(text: string, fences: readonly number[]): string {
  if (fences.length === 0) return text;
  let out = '';
  let from = 0;
  for (let k = 0; k < fences.length; k += 2) {
    out += text.slice(from, fences[k]) + '`';
    from = fences[k + 1];
  }
  return out + text.slice(from);
}
