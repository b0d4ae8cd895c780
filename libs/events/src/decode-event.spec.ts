import { decodeEvent, EXAMPLE_EVENTS } from './index';

const bytes = (text: string) => new TextEncoder().encode(text);
const valid = JSON.stringify(EXAMPLE_EVENTS[0]);

describe('decodeEvent', () => {
  it('decodes a valid event from bytes, with or without a BOM', () => {
    expect(decodeEvent(bytes(valid))).toMatchObject({ ok: true, event: { event_id: 'ev-turn-1' } });
    expect(decodeEvent(bytes('\uFEFF' + valid))).toMatchObject({ ok: true });
  });

  it('rejects oversize input before parsing it', () => {
    expect(decodeEvent(bytes(valid), { maxEventBytes: 10 })).toMatchObject({ ok: false, reason: 'oversize' });
    expect(decodeEvent(bytes(valid), { maxEventBytes: bytes(valid).length })).toMatchObject({ ok: true });
  });

  it('rejects invalid UTF-8 (overlong, truncated, lone continuation bytes)', () => {
    for (const bad of [[0xc0, 0xaf], [0x7b, 0xe2, 0x82], [0x80], [0xed, 0xa0, 0x80]]) {
      expect(decodeEvent(new Uint8Array(bad))).toMatchObject({ ok: false, reason: 'invalid_utf8' });
    }
  });

  it('rejects non-JSON and truncated JSON with the parser message', () => {
    expect(decodeEvent(bytes('hello'))).toMatchObject({ ok: false, reason: 'not_json' });
    expect(decodeEvent(bytes(valid.slice(0, 40)))).toMatchObject({ ok: false, reason: 'not_json' });
    expect(decodeEvent(bytes(''))).toMatchObject({ ok: false, reason: 'not_json' });
  });

  it('bounds the length of a rejection message', () => {
    const result = decodeEvent(bytes(JSON.stringify({ ...EXAMPLE_EVENTS[0], type: 'x'.repeat(5000) })));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message.length).toBeLessThanOrEqual(2000);
  });
});
