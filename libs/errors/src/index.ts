// Public API of libs/errors: errors that carry a retriable flag, and the one retry helper that reads it.
export { PrefstreamError, isRetriable } from './prefstream-error';
export { withRetry, backoffDelay, type RetryOptions } from './retry';
