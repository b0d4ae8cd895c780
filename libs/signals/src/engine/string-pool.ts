/**
 * Shares one copy of strings that repeat across conversations (tenant, model, model_version, variant):
 * each parsed event carries its own copy, and keeping those would cost ~50 bytes per field per turn.
 * Bounded: past `capacity` distinct values strings are kept as given (correct, just not shared).
 */
export class StringPool {
  private readonly pool = new Map<string, string>();

  constructor(private readonly capacity = 10_000) {}

  intern(value: string): string;
  intern(value: string | undefined): string | undefined;
  intern(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    const shared = this.pool.get(value);
    if (shared !== undefined) return shared;
    if (this.pool.size < this.capacity) this.pool.set(value, value);
    return value;
  }
}
