import { classifyFollowUp } from './classify-follow-up';
import { RULES_MAX_CHARS } from './follow-up-rules';

describe('classifyFollowUp', () => {
  it.each([
    ["That's wrong.", 'complaint', -1],
    ["this doesn't make sense", 'complaint', -1],
    ['No, I meant the other one', 'complaint', -1],
    ['Thanks, but that is not what I asked', 'complaint', -1], // a complaint outranks the thanks
    ['thanks anyway', 'complaint', -1], // resignation, not gratitude
    ["Let's try again", 'retry', -1],
    ['thanks, that worked!', 'gratitude', 1],
    ['That sounds delicious. How long does it keep?', 'gratitude', 1],
    ['What do you mean by that?', 'clarification', -1],
    ['How so?', 'clarification', -1],
    ['How do I bake sourdough bread?', 'none', 0],
    ["No, I don't have one", 'none', 0],
  ])('%j -> %s', (text, label, polarity) => {
    expect(classifyFollowUp(text)).toMatchObject({ label, polarity, source: 'rules' });
  });

  it('folds typographic apostrophes and case', () => {
    expect(classifyFollowUp('THAT’S WRONG').label).toBe('complaint');
  });

  it('reads only the head of a long message', () => {
    expect(classifyFollowUp('Here is my essay: ' + 'lorem ipsum '.repeat(RULES_MAX_CHARS) + " that's wrong").label).toBe('none');
  });

  it('uses the model only where the rules abstain, and only above the threshold', () => {
    const scores = { complaint: 0.85, none: 0.15 };
    expect(classifyFollowUp('The capital is Canberra, not Sydney.', { scores })).toEqual({ label: 'complaint', polarity: -1, confidence: 0.85, source: 'model' });
    expect(classifyFollowUp('The capital is Canberra, not Sydney.', { scores, modelThreshold: 0.9 })).toMatchObject({ label: 'none', source: 'model' });
    expect(classifyFollowUp('thanks!', { scores })).toMatchObject({ label: 'gratitude', source: 'rules' });
    const scorer = { score: jest.fn(() => ({ retry: 0.95 })) };
    expect(classifyFollowUp('once more with feeling', { scorer })).toMatchObject({ label: 'retry', source: 'model' });
    expect(scorer.score).toHaveBeenCalledWith('once more with feeling');
  });
});
