import { TASK_CATEGORIES, promptFeatures } from '../src';
import { datasetsPresent, SKIP_MESSAGE, xstestPrompts } from './helpers/datasets';

const category = (prompt: string) => promptFeatures(prompt).categorical.prompt_category;

describe('prompt_category', () => {
  it.each([
    ['How do I reverse a list in Python?', 'coding'],
    ['Why does `x.map` throw here?\n```js\nconst y = x.map(f)\n```', 'coding'],
    ['Write a Python function that sorts a list', 'coding'],
    ['What is 17 * 23?', 'math'],
    ['Solve the equation 2x + 3 = 11', 'math'],
    ['Write a poem about Python programming', 'writing'],
    ['Can you summarize this article for me?', 'writing'],
    ['Should I quit my job to start a company?', 'advice'],
    ['My boss keeps ignoring my emails, any tips?', 'advice'],
    ['Who was the first president of France?', 'factual_qa'],
    ['Explain the difference between weather and climate', 'factual_qa'],
    ['hello! how are you today?', 'chit_chat'],
    ['Tell me a joke', 'chit_chat'],
    ['Purple elephants dance quietly', 'other'],
    ['', 'other'],
  ])('%j -> %s', (prompt, expected) => {
    expect(category(prompt)).toBe(expected);
  });

  it('a question word counts only as the first word', () => {
    expect(category('Who won the 1998 World Cup?')).toBe('factual_qa');
    expect(category('I wonder who won')).toBe('other');
  });

  (datasetsPresent() ? it : it.skip)('on the 450 XSTest prompts: every category is valid and the questions are mostly not "other"', () => {
    if (!datasetsPresent()) return console.warn(SKIP_MESSAGE);
    const categories = xstestPrompts().map(category);
    expect(categories.every((c) => (TASK_CATEGORIES as readonly string[]).includes(c))).toBe(true);
    expect(categories.filter((c) => c === 'other').length / categories.length).toBeLessThan(0.25);
  });
});
