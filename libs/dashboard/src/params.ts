/** A request the API refuses as malformed: answered 400 with the message. */
export class BadRequest extends Error {
  override name = 'BadRequest';
}

const MAX_TEXT = 256;

/** A free-text parameter (tenant, scope, segment, ...); '' when absent. Travels to ClickHouse as a query parameter only. */
export function textParam(params: URLSearchParams, name: string, fallback = ''): string {
  const value = params.get(name);
  if (value === null) return fallback;
  if (value.length > MAX_TEXT) throw new BadRequest(`${name} is longer than ${MAX_TEXT} characters`);
  return value;
}

/** An integer parameter within [min, max]. */
export function intParam(params: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const value = params.get(name);
  if (value === null || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new BadRequest(`${name} must be a whole number, got "${value.slice(0, 40)}"`);
  const n = Number(value);
  if (n < min || n > max) throw new BadRequest(`${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** One of a fixed set of values, or '' (let the handler choose). */
export function choiceParam<T extends string>(params: URLSearchParams, name: string, choices: readonly T[]): T | '' {
  const value = params.get(name);
  if (value === null || value === '') return '';
  if (!(choices as readonly string[]).includes(value)) throw new BadRequest(`${name} must be one of ${choices.join(', ')}`);
  return value as T;
}
