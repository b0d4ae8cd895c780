import { PrefstreamError } from '@prefstream/errors';

/**
 * A failed webhook delivery. `status` is the receiver's HTTP status (absent for network errors and
 * timeouts); `retryAfterMs` is what its Retry-After header asked for, which the retry loop honours.
 */
export class WebhookDeliveryError extends PrefstreamError {
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: { code: string; retriable: boolean; status?: number; retryAfterMs?: number; cause?: unknown }) {
    super(message, options);
    this.name = 'WebhookDeliveryError';
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** 5xx, 429 (rate limited) and 408 (request timeout) may succeed later; any other 4xx will not. */
export const isRetriableStatus = (status: number): boolean => status >= 500 || status === 429 || status === 408;
