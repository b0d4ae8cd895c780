/**
 * Number and time formatting for alert messages: a person on call reads them, so numbers get three
 * significant digits (no "0.31250000001") and times are UTC wall-clock minutes.
 */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) >= 1000) return String(Math.round(x));
  return String(Number(x.toPrecision(3)));
}

/** As formatNumber with an explicit sign, for coefficients and differences. */
export const formatSigned = (x: number): string => (x > 0 ? `+${formatNumber(x)}` : formatNumber(x));

const pad = (n: number) => String(n).padStart(2, '0');

/** "10:42 UTC", or "2026-11-21 23:58 UTC" when `timeMs` is not on the UTC day of `relativeToMs`. */
export function formatUtcMinute(timeMs: number, relativeToMs: number = timeMs): string {
  const d = new Date(timeMs);
  const hm = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
  const sameDay = new Date(relativeToMs).toISOString().slice(0, 10) === d.toISOString().slice(0, 10);
  return sameDay ? hm : `${d.toISOString().slice(0, 10)} ${hm}`;
}

/** "45 min", "3 h 5 min", "2 d 4 h". */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
