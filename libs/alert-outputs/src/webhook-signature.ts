import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Prefstream-Signature';
export const TIMESTAMP_HEADER = 'X-Prefstream-Timestamp';

/** `sha256=<hex HMAC-SHA256 of the exact body bytes>`, GitHub's scheme, so receivers can reuse their verifiers. */
export function signWebhookBody(secret: string, body: string | Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * For receivers (and tests): true when `header` is the signature of exactly these bytes. Verify the raw
 * request body, before any JSON parsing: re-serialised JSON is not the same bytes. Constant-time compare.
 */
export function verifyWebhookSignature(secret: string, body: string | Uint8Array, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signWebhookBody(secret, body));
  const actual = Buffer.from(header);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
