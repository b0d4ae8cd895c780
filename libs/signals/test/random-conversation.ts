// A random but valid conversation for property tests: turns some seconds apart, each followed by a
// random mix of interactions and feedback, with prompts that trigger follow-up rules and rephrases.
import fc from 'fast-check';
import type { PrefEvent } from '@prefstream/events';
import { interaction, rating, SEC, thumbs, turn } from './events';

const PROMPTS = ['How do I reverse a list in Python?', "that's wrong", 'thanks, that worked!', 'reverse a python list how?', 'what do you mean?', 'Plan a weekend trip to Lisbon with museums', 'try again'];
const RESPONSES = ['Use my_list[::-1].', 'You can call reversed(my_list) and wrap it in list() to get a list back.', 'x'.repeat(300) + ' long answer'];

const step = fc.record({
  gapSec: fc.integer({ min: 2, max: 90 }),
  prompt: fc.constantFrom(...PROMPTS),
  response: fc.constantFrom(...RESPONSES),
  regenerate: fc.boolean(),
  actions: fc.array(fc.constantFrom('copy', 'edit', 'stop', 'share', 'dwell', 'close', 'up', 'down', 'rating', 'regenerate'), { maxLength: 4 }),
});

/** Events of one conversation, in event-time order, with unique event ids. */
export const conversationArbitrary = (conversation: string, start: number, maxTurns = 5) =>
  fc.array(step, { minLength: 1, maxLength: maxTurns }).map((steps) => {
    const events: PrefEvent[] = [];
    let t = start;
    let id = 0;
    let previousTurn: string | undefined;
    steps.forEach((s, i) => {
      t += s.gapSec * SEC;
      const turnId = `t${i}`;
      const eventId = `${conversation}-e${id++}`;
      events.push(turn(conversation, turnId, t, { prompt: s.prompt, response: s.response, turn_index: i, event_id: eventId, ...(s.regenerate && previousTurn ? { regenerated_from: previousTurn } : {}) }));
      s.actions.forEach((action, k) => {
        const at = t + (k + 1) * SEC;
        const event_id = `${conversation}-e${id++}`;
        if (action === 'up' || action === 'down') events.push(thumbs(conversation, turnId, at, action === 'up' ? 1 : -1, event_id));
        else if (action === 'rating') events.push({ ...rating(conversation, turnId, at, 1 + (k % 5)), event_id });
        else if (action === 'copy') events.push(interaction(conversation, turnId, at, 'copy', { copied_chars: 7 * (k + 1), event_id }));
        else if (action === 'edit') events.push(interaction(conversation, turnId, at, 'edit', { edited_text: `${s.response.slice(0, 20 + k)} (edited ${k})`, event_id }));
        else if (action === 'dwell') events.push(interaction(conversation, turnId, at, 'dwell', { dwell_ms: 1000 * (k + 2), event_id }));
        else if (action === 'stop') events.push(interaction(conversation, turnId, at, 'stop', { event_id }));
        else events.push(interaction(conversation, turnId, at, action, { event_id }));
      });
      previousTurn = turnId;
    });
    return events;
  });

/**
 * An arrival order that respects the allowed lateness: each event is delayed by a random amount below
 * `latenessMs` and events arrive by event time plus delay, so none falls behind the watermark.
 * Some events are delivered twice (a producer retry or a replayed batch), also within the lateness.
 */
export const deliveryArbitrary = (events: readonly PrefEvent[], latenessMs: number) =>
  fc.tuple(
    fc.array(fc.integer({ min: 0, max: latenessMs - 1 }), { minLength: events.length, maxLength: events.length }),
    fc.array(fc.tuple(fc.nat({ max: events.length - 1 }), fc.integer({ min: 0, max: latenessMs - 1 })), { maxLength: 4 }),
  ).map(([delays, duplicates]) => {
    const arrivals = events.map((event, i) => ({ event, at: Date.parse(event.ts) + delays[i] }));
    for (const [i, delay] of duplicates) arrivals.push({ event: events[i], at: Date.parse(events[i].ts) + delay });
    return arrivals.sort((a, b) => a.at - b.at).map((a) => a.event);
  });
