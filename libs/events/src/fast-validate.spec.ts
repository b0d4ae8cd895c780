import fc from 'fast-check';
import { EVENT_SCHEMAS, EXAMPLE_EVENTS, LIMITS, type EventType } from './index';
import { fastValidate } from './fast-validate';

const zodAccepts = (value: unknown) => {
  const type = (value as { type?: unknown })?.type;
  return typeof type === 'string' && Object.hasOwn(EVENT_SCHEMAS, type) && EVENT_SCHEMAS[type as EventType].safeParse(value).success;
};

// Values that probe each kind of constraint: types, lengths at and past limits, formats, signs, integrality.
const probe = fc.oneof(
  fc.constantFrom(undefined, null, true, 0, -1, 1, 1.5, -0.5, 2, 7, 1e21, '', 'x', 'a', 'b', 'tie', 'both_bad', 'thumbs', 'rating', 'copy', 'edit', 'dwell', 'turn', 'vote', 'feedback', 'interaction'),
  fc.constantFrom('2026-11-22T10:00:00Z', '2026-11-22T10:00:00.123+02:00', '2026-11-22T10:00:00', '2026-02-30T10:00:00Z', '2024-02-29T00:00:00Z', '2023-02-29T00:00:00Z', '2026-11-22 10:00:00Z', '2026-11-22T24:00:00Z'),
  fc.constantFrom('e'.repeat(LIMITS.maxIdChars), 'e'.repeat(LIMITS.maxIdChars + 1), 'l'.repeat(LIMITS.maxLabelChars), 'l'.repeat(LIMITS.maxLabelChars + 1), 'c'.repeat(LIMITS.maxCommentChars + 1)),
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -10, max: 10 }),
  fc.double({ noNaN: true }),
  fc.constant({}),
  fc.constant([]),
  fc.dictionary(fc.string({ maxLength: 70 }), fc.oneof(fc.string({ maxLength: 70 }), fc.integer()), { maxKeys: 40 }),
  fc.record({ turn_id: fc.option(fc.constantFrom('turn-1', 'turn-2', ''), { nil: undefined }), model: fc.option(fc.constantFrom('m', ''), { nil: undefined }), response: fc.option(fc.string({ maxLength: 3 }), { nil: undefined }) }, { requiredKeys: [] }),
);
const fields = [...new Set(EXAMPLE_EVENTS.flatMap((e) => Object.keys(e))), 'a', 'b', 'metadata', 'unknown_field'];
const mutation = fc.tuple(fc.constantFrom(...fields), probe);
const mutated = fc.tuple(fc.constantFrom(...EXAMPLE_EVENTS), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([event, changes, deleteInstead]) => {
  const copy = structuredClone(event) as Record<string, unknown>;
  for (const [field, value] of changes) {
    if (deleteInstead && value === undefined) delete copy[field];
    else copy[field] = value;
  }
  return copy;
});

describe('fastValidate', () => {
  it('accepts every example event (so the fast path is taken for good traffic)', () => {
    for (const event of EXAMPLE_EVENTS) expect(fastValidate(event)).toBe(true);
  });

  it('never accepts what the zod contract rejects (mutated events)', () => {
    fc.assert(fc.property(mutated, (value) => !fastValidate(value) || zodAccepts(value)), { numRuns: 20000, seed: 42 });
  });

  it('agrees with zod on most mutated events, so it is not trivially rejecting', () => {
    let agree = 0;
    const samples = fc.sample(mutated, { numRuns: 3000, seed: 7 });
    for (const value of samples) if (fastValidate(value) === zodAccepts(value)) agree++;
    expect(agree / samples.length).toBeGreaterThan(0.97);
  });

  it('rejects non-objects and unknown types', () => {
    for (const value of [null, 1, 'x', [], { ...EXAMPLE_EVENTS[0], type: 'click' }]) expect(fastValidate(value)).toBe(false);
  });
});
