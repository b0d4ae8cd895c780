import { DEFAULT_SIGNAL_CONFIG, resolveSignalConfig } from './config';

describe('resolveSignalConfig', () => {
  it('returns the defaults merged with overrides', () => {
    expect(resolveSignalConfig({ sessionGapMs: 60_000, abandonGapMs: 30_000 })).toEqual({ ...DEFAULT_SIGNAL_CONFIG, sessionGapMs: 60_000, abandonGapMs: 30_000 });
  });

  it.each([
    [{ allowedLatenessMs: -1 }, /allowedLatenessMs/],
    [{ sessionGapMs: Number.NaN }, /sessionGapMs/],
    [{ maxTurnsPerConversation: 0 }, /maxTurnsPerConversation/],
    [{ maxRecentEventIds: 1.5 }, /maxRecentEventIds/],
    [{ abandonGapMs: 10 * 60 * 60_000 }, /abandonGapMs must not exceed sessionGapMs/],
    [{ rephraseThreshold: 0 }, /rephraseThreshold/],
  ])('rejects %j', (overrides, message) => {
    expect(() => resolveSignalConfig(overrides)).toThrow(message);
  });
});
