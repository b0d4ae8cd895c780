import { EXAMPLE_EVENTS } from '@prefstream/events';
import { decodeBatch } from './decode-batch';
import { pseudonymise, toRawEventRow, toRejectedEventRow, MAX_REJECTED_BYTES } from './to-rows';
import { createUserHasher } from './user-hasher';

const hasher = createUserHasher('0123456789abcdef0123');
const record = (text: string | Uint8Array, line = 1) => ({ value: typeof text === 'string' ? new TextEncoder().encode(text) : text, position: { kind: 'file' as const, path: 'in.ndjson', line } });

describe('rows', () => {
  it('stores the event with the user id replaced by its pseudonym, never the id itself', () => {
    const { accepted } = decodeBatch([record(JSON.stringify(EXAMPLE_EVENTS[0]))]);
    const row = toRawEventRow(pseudonymise(accepted[0], hasher), 1000);
    expect(row).toMatchObject({ event_id: 'ev-turn-1', type: 'turn', tenant: 'acme', user_hash: hasher('user-42'), ts: Date.parse('2026-11-22T10:00:00.000Z'), ingested_at: 1000, source: 'file:in.ndjson:1' });
    expect(row.payload).not.toContain('user-42');
    expect(JSON.parse(row.payload)).toMatchObject({ user_id: hasher('user-42'), response: EXAMPLE_EVENTS[0].type === 'turn' ? EXAMPLE_EVENTS[0].response : '' });
  });

  it('keeps events without a user as they are', () => {
    const { user_id: _u, ...anonymous } = EXAMPLE_EVENTS[2];
    const { accepted } = decodeBatch([record(JSON.stringify(anonymous))]);
    expect(toRawEventRow(pseudonymise(accepted[0], hasher), 0)).toMatchObject({ user_hash: '' });
  });

  it('keeps the exact rejected bytes (base64), capped, with the original size', () => {
    const bad = new Uint8Array([0x7b, 0xc0, 0xaf]);
    const { rejected } = decodeBatch([record(bad, 9)]);
    const row = toRejectedEventRow(rejected[0], 5);
    expect(row).toMatchObject({ reason: 'invalid_utf8', raw_bytes: 3, source: 'file:in.ndjson:9' });
    expect(Array.from(Buffer.from(row.raw_base64, 'base64'))).toEqual([0x7b, 0xc0, 0xaf]);
    const huge = decodeBatch([record('x'.repeat(MAX_REJECTED_BYTES * 2))], { maxEventBytes: 1024 }).rejected[0];
    const hugeRow = toRejectedEventRow(huge, 5);
    expect(Buffer.from(hugeRow.raw_base64, 'base64').length).toBe(MAX_REJECTED_BYTES);
    expect(hugeRow.raw_bytes).toBe(MAX_REJECTED_BYTES * 2);
  });
});
