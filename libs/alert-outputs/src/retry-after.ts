/**
 * How long a receiver asked us to wait (RFC 9110 Retry-After: delay-seconds or an HTTP-date), in ms;
 * undefined when absent or unreadable. The caller caps it: a receiver must not stall alerting for an hour.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP-date names its weekday and month; without letters, Date.parse guesses ('-5' is a year).
  const date = /[A-Za-z]/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
