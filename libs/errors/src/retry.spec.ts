import { PrefstreamError, withRetry, backoffDelay, isRetriable } from './index';

const retriable = () => new PrefstreamError('busy', { code: 'BUSY', retriable: true });
const fatal = () => new PrefstreamError('bad', { code: 'BAD', retriable: false });

describe('withRetry', () => {
  const sleeps: number[] = [];
  const options = { retries: 3, initialDelayMs: 10, maxDelayMs: 25, sleep: async (ms: number) => void sleeps.push(ms) };
  beforeEach(() => (sleeps.length = 0));

  it('returns the first success without sleeping', async () => {
    await expect(withRetry(async () => 7, options)).resolves.toBe(7);
    expect(sleeps).toEqual([]);
  });

  it('retries retriable errors with capped exponential backoff, then succeeds', async () => {
    let calls = 0;
    const result = await withRetry(async () => {
      if (++calls < 4) throw retriable();
      return calls;
    }, options);
    expect(result).toBe(4);
    expect(sleeps).toEqual([10, 20, 25]);
  });

  it('rethrows a non-retriable error at once', async () => {
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw fatal(); }, options)).rejects.toMatchObject({ code: 'BAD' });
    expect(calls).toBe(1);
  });

  it('gives up after the budget and rethrows the last error', async () => {
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw retriable(); }, options)).rejects.toMatchObject({ code: 'BUSY' });
    expect(calls).toBe(4);
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    await expect(withRetry(async () => { calls++; throw retriable(); }, { ...options, signal: controller.signal })).rejects.toThrow('busy');
    expect(calls).toBe(1);
  });

  it('treats foreign errors by their retriable flag only', () => {
    expect(isRetriable(Object.assign(new Error('x'), { retriable: true }))).toBe(true);
    expect(isRetriable(new Error('x'))).toBe(false);
    expect(isRetriable(null)).toBe(false);
    expect(backoffDelay(5, 100, 1000)).toBe(1000);
  });
});
