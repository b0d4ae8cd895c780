/**
 * Options over defaults, where an option given as undefined keeps the default (a plain spread would
 * let `{ h: undefined }` from an unset config value replace it).
 */
export function withDefaults<T extends object>(defaults: Readonly<T>, options: Partial<T> | undefined): T {
  const merged = { ...defaults } as T;
  for (const key in options) if (options[key] !== undefined) merged[key] = options[key] as T[typeof key];
  return merged;
}
