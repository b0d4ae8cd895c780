import { isRetriable } from './prefstream-error';

export interface RetryOptions {
  /** Attempts after the first one; 0 means no retry. */
  retries: number;
  /** Delay before the first retry; doubles each time up to maxDelayMs. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** Adds up to this share of random jitter to each delay so many workers do not retry in lockstep. */
  jitter?: number;
  /** Called before each retry with the attempt number (1-based) and the error. */
  onRetry?: (attempt: number, error: unknown, delayMs: number) => void;
  /** Stops retrying early (e.g. on shutdown); the last error is rethrown. */
  signal?: AbortSignal;
  /** Injected for tests. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The delay before retry number `attempt` (1-based), before jitter. */
export function backoffDelay(attempt: number, initialDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1));
}

/**
 * Runs `operation`, retrying with exponential backoff while the error is retriable. A non-retriable
 * error, an exhausted budget or an aborted signal rethrows the last error unchanged.
 */
export async function withRetry<T>(operation: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!isRetriable(error) || attempt >= options.retries || options.signal?.aborted) throw error;
      const base = backoffDelay(attempt + 1, options.initialDelayMs, options.maxDelayMs);
      const delay = Math.round(base * (1 + (options.jitter ?? 0) * random()));
      options.onRetry?.(attempt + 1, error, delay);
      await sleep(delay);
    }
  }
}
