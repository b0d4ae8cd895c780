import { createHmac } from 'node:crypto';

export type UserHasher = (userId: string) => string;

/**
 * Pseudonymises user ids before storage with a keyed HMAC-SHA256 (truncated to 128 bits, hex). Keyed so
 * that ids cannot be recovered by hashing guesses; stable so per-user statistics still work; the same key
 * must be used by every worker writing to one store.
 */
export function createUserHasher(key: string): UserHasher {
  if (key.length < 16) throw new Error('user hash key must be at least 16 characters');
  const cache = new Map<string, string>();
  return (userId) => {
    let hashed = cache.get(userId);
    if (hashed === undefined) {
      hashed = createHmac('sha256', key).update(userId).digest('hex').slice(0, 32);
      // A small bounded cache: active users repeat within a batch; the map is cleared rather than LRU'd.
      if (cache.size >= 10_000) cache.clear();
      cache.set(userId, hashed);
    }
    return hashed;
  };
}
