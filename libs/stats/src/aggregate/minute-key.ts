/** The grain of the aggregates: one row per (tenant, model, model_version, variant, minute). */
export interface MinuteKey {
  tenant: string;
  model: string;
  model_version: string;
  variant: string;
  /** Start of the minute, epoch milliseconds (a multiple of 60,000). */
  minute: number;
}

export const MINUTE_MS = 60_000;

/** Start of the event-time minute containing `ts` (epoch ms), also for times before 1970. */
export const minuteOf = (ts: number): number => Math.floor(ts / MINUTE_MS) * MINUTE_MS;

/** A string that identifies the key (for maps); parts are joined by a separator no id contains. */
export const minuteKeyString = (k: MinuteKey): string => `${k.tenant}\u001f${k.model}\u001f${k.model_version}\u001f${k.variant}\u001f${k.minute}`;

export const sameMinuteKey = (a: MinuteKey, b: MinuteKey): boolean => minuteKeyString(a) === minuteKeyString(b);

export function assertMinuteKey(k: MinuteKey): void {
  if (!(Number.isSafeInteger(k.minute) && k.minute % MINUTE_MS === 0)) throw new RangeError(`minute must be a whole minute in epoch ms, got ${k.minute}`);
  for (const part of [k.tenant, k.model, k.model_version, k.variant]) {
    if (typeof part !== 'string' || part.includes('\u001f')) throw new RangeError(`bad key part ${JSON.stringify(part)}`);
  }
}
