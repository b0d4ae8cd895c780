import { API } from '../protocol/api-definitions';
import { ErrorCode } from '../protocol/error-codes';
import { Reader, Writer } from '../protocol/primitives';
import type { Handler } from './context';

export const supportedApiVersions = () => Object.values(API).map((api) => ({ api_key: api.key, min_version: api.minVersion, max_version: api.maxVersion }));

export const handleApiVersions: Handler = () => ({ error_code: ErrorCode.NONE, api_keys: supportedApiVersions(), throttle_time_ms: 0 });

function skipTaggedFields(reader: Reader): void {
  for (let n = reader.unsignedVarint(); n > 0; n--) {
    reader.unsignedVarint(); // tag
    reader.raw(reader.unsignedVarint());
  }
}

/**
 * ApiVersions v3, the one flexible version spoken here (librdkafka asks for it first). The request
 * header is v2 (client id as a plain nullable string, then tagged fields); the response header stays
 * v0 (correlation id only), a quirk of this API so clients can parse it before they know versions.
 * The body uses compact arrays/strings and tagged fields (KIP-482). Returns the response body.
 */
export function apiVersionsV3(reader: Reader): Buffer {
  skipTaggedFields(reader); // rest of the request header
  for (let i = 0; i < 2; i++) reader.raw(Math.max(0, reader.unsignedVarint() - 1)); // client software name, version
  skipTaggedFields(reader);
  const apis = supportedApiVersions();
  const body = new Writer().int16(ErrorCode.NONE).unsignedVarint(apis.length + 1);
  for (const api of apis) body.int16(api.api_key).int16(api.min_version).int16(api.max_version).unsignedVarint(0);
  return body.int32(0).unsignedVarint(0).toBuffer(); // throttle time, no tagged fields
}
