/**
 * Unsigned 32-bit values packed two UTF-16 code units each into a string. In V8 a string of 2n code
 * units costs about 4n + 16 bytes, against 8n + 32 for an array of doubles (hashes above 2^31 are not
 * small integers), and it is plain JSON for checkpoints (JSON.stringify escapes lone surrogates).
 */
export function packHashes(values: readonly number[]): string {
  let out = '';
  for (const v of values) out += String.fromCharCode(v >>> 16, v & 0xffff);
  return out;
}

export function unpackHashes(packed: string): number[] {
  const out = new Array<number>(packed.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = packed.charCodeAt(2 * i) * 65536 + packed.charCodeAt(2 * i + 1);
  return out;
}
