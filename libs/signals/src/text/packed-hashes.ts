/**
 * Unsigned 32-bit values packed two UTF-16 code units each into a string. In V8 a flat string of 2n
 * code units costs about 4n + 16 bytes, against 8n + 32 for an array of doubles (hashes above 2^31 are
 * not small integers), and it is plain JSON for checkpoints (JSON.stringify escapes lone surrogates).
 * Built with one fromCharCode call: `+=` in a loop would leave a rope of 2n string nodes behind.
 */
export function packHashes(values: readonly number[]): string {
  const units = new Array<number>(values.length * 2);
  for (let i = 0; i < values.length; i++) {
    units[2 * i] = values[i] >>> 16;
    units[2 * i + 1] = values[i] & 0xffff;
  }
  return String.fromCharCode(...units);
}

export function unpackHashes(packed: string): number[] {
  const out = new Array<number>(packed.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = packed.charCodeAt(2 * i) * 65536 + packed.charCodeAt(2 * i + 1);
  return out;
}
