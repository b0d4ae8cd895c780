import { PrefstreamError } from '@prefstream/errors';

/**
 * ClickHouse error codes after which the same request can succeed later: overload, timeouts, network,
 * replication hiccups. Everything else (syntax, unknown table, type mismatch, readonly) is a bug or a
 * misconfiguration, and retrying would only hide it.
 */
const RETRIABLE_CODES = new Set([
  159, // TIMEOUT_EXCEEDED
  202, // TOO_MANY_SIMULTANEOUS_QUERIES
  203, // NO_FREE_CONNECTION
  209, // SOCKET_TIMEOUT
  210, // NETWORK_ERROR
  241, // MEMORY_LIMIT_EXCEEDED
  242, // TABLE_IS_READ_ONLY (replica lost ZooKeeper session)
  252, // TOO_MANY_PARTS
  285, // TOO_FEW_LIVE_REPLICAS
  319, // UNKNOWN_STATUS_OF_INSERT
  394, // QUERY_WAS_CANCELLED
  425, // SYSTEM_ERROR
  999, // KEEPER_EXCEPTION
]);

const RETRIABLE_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'ECONNABORTED']);

export class ClickHouseError extends PrefstreamError {
  constructor(message: string, readonly clickhouseCode: number | undefined, retriable: boolean, cause?: unknown) {
    super(message, { code: clickhouseCode === undefined ? 'CLICKHOUSE_UNAVAILABLE' : `CLICKHOUSE_${clickhouseCode}`, retriable, cause });
    this.name = 'ClickHouseError';
  }
}

/** Turns whatever a driver threw into a ClickHouseError that says whether to retry. */
export function toClickHouseError(error: unknown, context: string): ClickHouseError {
  if (error instanceof ClickHouseError) return error;
  const e = error as { message?: string; code?: string | number; clickhouseCode?: number; cause?: { code?: string } };
  const message = `${context}: ${e?.message ?? String(error)}`;
  const fromText = /Code: (\d+)\./.exec(e?.message ?? '')?.[1];
  const numeric = e?.clickhouseCode ?? (typeof e?.code === 'string' && /^\d+$/.test(e.code) ? Number(e.code) : typeof e?.code === 'number' ? e.code : fromText ? Number(fromText) : undefined);
  if (numeric !== undefined) return new ClickHouseError(message, numeric, RETRIABLE_CODES.has(numeric), error);
  const networkCode = typeof e?.code === 'string' ? e.code : e?.cause?.code;
  const network = (networkCode !== undefined && RETRIABLE_NETWORK.has(networkCode)) || /socket hang up|timeout|ECONNREFUSED|ECONNRESET|fetch failed|other side closed/i.test(e?.message ?? '');
  return new ClickHouseError(message, undefined, network, error);
}
