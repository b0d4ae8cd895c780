/**
 * A conversation's memory of recent events as flat [idHash, ts, activity] triples (one array of doubles,
 * 24 bytes an event). Entries behind the watermark are forgotten: a second copy of such an event is late
 * anyway and takes the late path, so it cannot be applied twice.
 */
const STRIDE = 3;

// The three possible answers, shared (read-only): no object per event.
const FRESH = Object.freeze({ duplicate: false, overflowed: false });
const DUPLICATE = Object.freeze({ duplicate: true, overflowed: false });
const OVERFLOWED = Object.freeze({ duplicate: false, overflowed: true });

export function rememberEvent(recent: number[], idHash: number, ts: number, activity: boolean, watermark: number, capacity: number): { readonly duplicate: boolean; readonly overflowed: boolean } {
  let write = 0;
  let duplicate = false;
  for (let read = 0; read < recent.length; read += STRIDE) {
    if (recent[read] === idHash) duplicate = true;
    if (recent[read + 1] < watermark) continue;
    if (write !== read) {
      recent[write] = recent[read];
      recent[write + 1] = recent[read + 1];
      recent[write + 2] = recent[read + 2];
    }
    write += STRIDE;
  }
  recent.length = write;
  if (duplicate) return DUPLICATE;
  recent.push(idHash, ts, activity ? 1 : 0);
  if (recent.length <= capacity * STRIDE) return FRESH;
  let oldest = 0;
  for (let i = STRIDE; i < recent.length; i += STRIDE) if (recent[i + 1] < recent[oldest + 1]) oldest = i;
  recent.splice(oldest, STRIDE);
  return OVERFLOWED;
}

/** True if an activity event is remembered with event time in (from, to]. */
export function activityBetween(recent: readonly number[], from: number, to: number): boolean {
  for (let i = 0; i < recent.length; i += STRIDE) if (recent[i + 2] === 1 && recent[i + 1] > from && recent[i + 1] <= to) return true;
  return false;
}
