import type { PrefEvent } from '@prefstream/events';
import { EventTimeQueue } from './event-time-queue';
import { seededRandom } from './seeded-random';

const at = (ms: number, id: string) => ({ event_id: id, ts: new Date(ms).toISOString() }) as PrefEvent;

describe('EventTimeQueue', () => {
  it('is empty to begin with', () => {
    const queue = new EventTimeQueue();
    expect(queue.size).toBe(0);
    expect(queue.takeUntil(Infinity, true)).toEqual([]);
  });

  it('takes strictly before a time, or up to it inclusive', () => {
    const queue = new EventTimeQueue();
    [at(30, 'c'), at(10, 'a'), at(20, 'b')].forEach((e) => queue.push(e));
    expect(queue.takeUntil(20).map((e) => e.event_id)).toEqual(['a']);
    expect(queue.takeUntil(20, true).map((e) => e.event_id)).toEqual(['b']);
    expect(queue.drain().map((e) => e.event_id)).toEqual(['c']);
    expect(queue.size).toBe(0);
  });

  it('orders as a stable sort by time would: ties in the order pushed', () => {
    const random = seededRandom(5);
    const queue = new EventTimeQueue();
    const pushed: PrefEvent[] = [];
    const taken: PrefEvent[] = [];
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 200; i++) {
        const event = at(1000 * round + Math.floor(random() * 3000), `${round}-${i}`); // many equal times
        pushed.push(event);
        queue.push(event);
      }
      taken.push(...queue.takeUntil(1000 * round));
    }
    taken.push(...queue.drain());
    expect(taken.map((e) => e.event_id)).toEqual([...pushed].sort((x, y) => Date.parse(x.ts) - Date.parse(y.ts)).map((e) => e.event_id));
  });
});
