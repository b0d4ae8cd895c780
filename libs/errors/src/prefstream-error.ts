/**
 * Every error prefstream raises on purpose says whether trying again can help. The retry helper reads
 * only this flag, so classification happens once, where the failure is understood (kafkajs's model).
 */
export class PrefstreamError extends Error {
  readonly retriable: boolean;
  readonly code: string;

  constructor(message: string, options: { code: string; retriable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PrefstreamError';
    this.code = options.code;
    this.retriable = options.retriable;
  }
}

/** True when an error (ours or a client's that carries the same flag) says a retry may succeed. */
export function isRetriable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === true;
}
