import { sessionMemoryBench } from './session-memory.bench';

// Keeps the benchmark runnable (its figures come from `node --expose-gc`, not from jest): a small run
// must hold every planned conversation open and report finite figures.
describe('session-memory benchmark', () => {
  it('measures a small workload end to end', async () => {
    const result = await sessionMemoryBench({ conversations: 300, throughputConversations: 100 });
    expect(result.openConversations).toBe(300);
    expect(result.openTurns).toBeGreaterThanOrEqual(300);
    for (const figure of [result.bytesPerConversation, result.eventsPerSecond, result.shortResponseEventsPerSecond]) expect(Number.isFinite(figure)).toBe(true);
  });

  it('measures the raw-events baseline on the same conversations', async () => {
    const result = await sessionMemoryBench({ conversations: 300, throughputConversations: 0, keep: 'events' });
    expect(result).toMatchObject({ kept: 'events', openConversations: 300 });
    expect(Number.isFinite(result.bytesPerConversation)).toBe(true);
    expect(result.eventsPerSecond).toBeNaN();
  });
});
