import { EXAMPLE_EVENTS, FEEDBACK_KINDS, INTERACTION_ACTIONS, LIMITS, validateEvent, type PrefEvent } from './index';

const find = (predicate: (e: PrefEvent) => boolean) => structuredClone(EXAMPLE_EVENTS.find(predicate)!) as Record<string, unknown>;
const turn = () => find((e) => e.type === 'turn');
const reasonOf = (value: unknown) => {
  const result = validateEvent(value);
  return result.ok ? 'ok' : `${result.reason}: ${result.message}`;
};

describe('contract v1', () => {
  it('accepts every example event, one of each type and kind', () => {
    for (const event of EXAMPLE_EVENTS) expect(reasonOf(event)).toBe('ok');
    const kinds = new Set(EXAMPLE_EVENTS.map((e) => `${e.type}:${'kind' in e ? e.kind : 'action' in e ? e.action : ''}`));
    expect(kinds.size).toBe(1 + FEEDBACK_KINDS.length + 1 + INTERACTION_ACTIONS.length);
  });

  it('defaults a missing schema_version to 1 and ignores unknown fields', () => {
    const { schema_version: _ignored, ...rest } = turn();
    const result = validateEvent({ ...rest, some_future_field: 'x' });
    expect(result.ok && result.event.schema_version).toBe(1);
    expect(result.ok && result.event.type === 'turn' && result.event.turn_id).toBe('turn-1');
  });

  it('rejects a newer contract version with its own reason', () => {
    expect(reasonOf({ ...turn(), schema_version: 2 })).toMatch(/^future_version: schema_version 2 is newer than 1/);
  });

  it('rejects unknown and missing types', () => {
    expect(reasonOf({ ...turn(), type: 'click' })).toMatch(/^unknown_type: type "click"/);
    const { type: _t, ...noType } = turn();
    expect(reasonOf(noType)).toMatch(/^unknown_type/);
    expect(reasonOf([1, 2])).toMatch(/^not_object/);
    expect(reasonOf(null)).toMatch(/^not_object/);
  });

  it.each(['event_id', 'ts', 'tenant', 'conversation_id', 'turn_id', 'prompt', 'response', 'model', 'model_version'])(
    'rejects a turn without %s, naming the field',
    (field) => {
      const event = turn();
      delete event[field];
      expect(reasonOf(event)).toMatch(new RegExp(`^invalid: turn event: ${field}:`));
    },
  );

  it('rejects wrong types and bad timestamps', () => {
    expect(reasonOf({ ...turn(), latency_ms: '812' })).toMatch(/latency_ms/);
    expect(reasonOf({ ...turn(), latency_ms: -1 })).toMatch(/latency_ms/);
    expect(reasonOf({ ...turn(), response_tokens: 1.5 })).toMatch(/response_tokens/);
    expect(reasonOf({ ...turn(), ts: '2026-11-22 10:00' })).toMatch(/ts:/);
    expect(reasonOf({ ...turn(), ts: '2026-11-22T10:00:00' })).toMatch(/ts:/); // no offset: ambiguous event time
    expect(reasonOf({ ...turn(), ts: 1732269600000 })).toMatch(/ts:/);
  });

  it('enforces text and id limits', () => {
    expect(reasonOf({ ...turn(), response: 'x'.repeat(LIMITS.maxTextChars) })).toBe('ok');
    expect(reasonOf({ ...turn(), response: 'x'.repeat(LIMITS.maxTextChars + 1) })).toMatch(/response:/);
    expect(reasonOf({ ...turn(), event_id: 'e'.repeat(LIMITS.maxIdChars + 1) })).toMatch(/event_id:/);
    expect(reasonOf({ ...turn(), event_id: '' })).toMatch(/event_id:/);
    const metadata = Object.fromEntries(Array.from({ length: LIMITS.maxMetadataEntries + 1 }, (_, i) => [`k${i}`, 'v']));
    expect(reasonOf({ ...turn(), metadata })).toMatch(/metadata/);
  });

  describe('feedback', () => {
    const thumbs = () => find((e) => e.type === 'feedback' && e.kind === 'thumbs');
    const rating = () => find((e) => e.type === 'feedback' && e.kind === 'rating');
    it('accepts only +1 and -1 thumbs', () => {
      expect(reasonOf({ ...thumbs(), value: -1 })).toBe('ok');
      expect(reasonOf({ ...thumbs(), value: 0 })).toMatch(/value/);
    });
    it('checks a rating against its scale', () => {
      expect(reasonOf({ ...rating(), value: 7, scale_max: 7 })).toBe('ok');
      expect(reasonOf({ ...rating(), value: 6 })).toMatch(/value must lie within/);
      expect(reasonOf({ ...rating(), scale_min: 5, scale_max: 5, value: 5 })).toMatch(/scale_min must be below scale_max/);
    });
    it('rejects an unknown kind', () => {
      expect(reasonOf({ ...thumbs(), kind: 'stars' })).toMatch(/^invalid: feedback event: kind/);
    });
    it('rejects an empty comment and an oversize one', () => {
      const comment = find((e) => e.type === 'feedback' && e.kind === 'comment');
      expect(reasonOf({ ...comment, text: '' })).toMatch(/text/);
      expect(reasonOf({ ...comment, text: 'x'.repeat(LIMITS.maxCommentChars + 1) })).toMatch(/text/);
    });
  });

  describe('vote', () => {
    const vote = () => find((e) => e.type === 'vote' && e.winner === 'both_bad');
    it('accepts every winner value', () => {
      for (const winner of ['a', 'b', 'tie', 'both_bad']) expect(reasonOf({ ...vote(), winner })).toBe('ok');
      expect(reasonOf({ ...vote(), winner: 'model_a' })).toMatch(/winner/);
    });
    it('needs a turn id or a model on each side, and two different turns', () => {
      expect(reasonOf({ ...vote(), a: { response: 'orphan' } })).toMatch(/a: a vote side needs turn_id or model/);
      expect(reasonOf({ ...vote(), a: { turn_id: 't' }, b: { turn_id: 't' } })).toMatch(/different turns/);
    });
  });

  describe('interaction', () => {
    const copy = () => find((e) => e.type === 'interaction' && e.action === 'copy');
    it('requires the fields of each action', () => {
      const { copied_chars: _c, ...noCount } = copy();
      expect(reasonOf(noCount)).toMatch(/copied_chars/);
      expect(reasonOf({ ...copy(), action: 'edit' })).toMatch(/edited_text/);
      expect(reasonOf({ ...copy(), action: 'dwell', dwell_ms: -5 })).toMatch(/dwell_ms/);
      expect(reasonOf({ ...copy(), action: 'hover' })).toMatch(/action/);
    });
  });
});
