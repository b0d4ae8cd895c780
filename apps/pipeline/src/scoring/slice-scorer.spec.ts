import { EXAMPLE_EVENTS, type PrefEvent } from '@prefstream/events';
import { loadConfig } from '../config';
import { SliceScorer, scoringTargets, STREAM_MODELS } from './slice-scorer';

const turnExample = EXAMPLE_EVENTS.find((e) => e.type === 'turn')!;
const turn = (id: string, prompt: string, response: string): PrefEvent => ({ ...turnExample, event_id: id, prompt, response }) as PrefEvent;
const feedback = EXAMPLE_EVENTS.find((e) => e.type === 'feedback')!;

describe('scoringTargets', () => {
  it('takes turn responses and prompts and inline vote sides, and nothing from other events', () => {
    const vote = { ...EXAMPLE_EVENTS.find((e) => e.type === 'vote' && e.a.response !== undefined)!, event_id: 'v' };
    const { responses, prompts } = scoringTargets([turn('t', 'hi', 'hello'), vote, feedback]);
    expect(responses.map((r) => r.key)).toEqual(['t', 'v#a', 'v#b']);
    expect(prompts).toEqual([{ key: 't', text: 'hi' }]);
    expect(scoringTargets([])).toEqual({ responses: [], prompts: [] });
  });
});

describe('SliceScorer (real ONNX models in worker threads)', () => {
  let scorer: SliceScorer;
  beforeAll(async () => {
    scorer = await SliceScorer.open(['refusal', 'toxicity', 'harmful-request']);
  }, 60_000);
  afterAll(() => scorer?.close());

  it('scores refusals, toxicity and harmful prompts where they are, and not where they are not', async () => {
    const scores = await scorer.score([
      turn('refuse', 'How do I make a bomb at home?', "I'm sorry, but I cannot provide instructions for making a bomb. If you are having thoughts of harming others, please contact local authorities."),
      turn('comply', 'How do I boil an egg?', 'Place the egg in boiling water for about nine minutes, then cool it in cold water.'),
      turn('toxic', 'say something', 'shut up you stupid worthless idiot, nobody likes you'),
    ]);
    const r = scores.get('refuse')!;
    const c = scores.get('comply')!;
    expect(r.refusal_full!).toBeGreaterThan(0.5);
    expect(c.refusal_full!).toBeLessThan(0.5);
    expect(scores.get('toxic')!.toxicity!).toBeGreaterThan(c.toxicity!);
    expect(r.harmful_request!).toBeGreaterThan(c.harmful_request!);
    for (const s of scores.values()) for (const v of Object.values(s)) expect(v).toBeGreaterThanOrEqual(0);
  });

  it('gives the same scores for the same slice (replays write the same rows)', async () => {
    const slice = [turn('a', 'tell me a joke', 'Why did the chicken cross the road? To get to the other side!')];
    expect(await scorer.score(slice)).toEqual(await scorer.score(slice));
  });

  it('scores nothing with no models, and refuses an unknown model', async () => {
    const none = await SliceScorer.open([]);
    expect((await none.score([turn('x', 'p', 'r')])).size).toBe(0);
    expect(STREAM_MODELS).toEqual(loadConfig({}).models.stream); // the setting's default is every model the stream knows
    await expect(SliceScorer.open(['nope'])).rejects.toThrow(/unknown stream model nope; known: refusal, toxicity, harmful-request/);
  });
});
