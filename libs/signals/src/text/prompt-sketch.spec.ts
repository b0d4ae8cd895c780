import { contentWords, stem } from './content-words';
import { promptSimilarity, promptSketch } from './prompt-sketch';

const similarity = (a: string, b: string) => promptSimilarity(promptSketch(a), promptSketch(b));

describe('prompt similarity (rephrase measure)', () => {
  it('matches word forms and ignores function words, case and order', () => {
    expect(stem('games')).toBe(stem('game'));
    expect(stem('making')).toBe(stem('makes'));
    expect(contentWords('How do I reverse the list?')).toEqual(['revers', 'list']);
    expect(similarity('How do I reverse a list in Python?', 'python: reverse list how?')).toBe(1);
  });

  it('is symmetric, 1 for identical prompts, 0 when nothing is shared or a prompt has no content words', () => {
    const a = 'Plan a weekend trip to Lisbon with museums';
    const b = 'Which museums in Lisbon open on Sunday?';
    expect(similarity(a, b)).toBe(similarity(b, a));
    expect(similarity(a, a)).toBe(1);
    expect(similarity(a, 'How do I bake sourdough bread?')).toBe(0);
    expect(similarity('ok thanks', a)).toBe(0);
  });

  it('reads only the head of a very long prompt', () => {
    const pasted = 'reverse python list ' + 'filler '.repeat(50_000) + 'unrelated tail words';
    expect(similarity(pasted, 'reverse python list filler')).toBe(1); // the tail words are never read
  });
});
