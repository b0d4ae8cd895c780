import { createHmac } from 'node:crypto';
import { createUserHasher } from './user-hasher';

describe('createUserHasher', () => {
  const key = 'a-test-key-of-32-characters-long';
  it('is a keyed HMAC-SHA256, truncated to 128 bits', () => {
    const expected = createHmac('sha256', key).update('user-42').digest('hex').slice(0, 32);
    expect(createUserHasher(key)('user-42')).toBe(expected);
  });
  it('is stable per key and differs across keys and users', () => {
    const a = createUserHasher(key);
    const b = createUserHasher(key.replace('a-', 'b-'));
    expect(a('u1')).toBe(a('u1'));
    expect(a('u1')).not.toBe(a('u2'));
    expect(a('u1')).not.toBe(b('u1'));
    expect(a('u1')).not.toContain('u1');
  });
  it('refuses a short key', () => expect(() => createUserHasher('short')).toThrow(/at least 16/));
});
