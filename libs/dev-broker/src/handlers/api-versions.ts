import { API } from '../protocol/api-definitions';
import { ErrorCode } from '../protocol/error-codes';
import type { Handler } from './context';

export const supportedApiVersions = () => Object.values(API).map((api) => ({ api_key: api.key, min_version: api.minVersion, max_version: api.maxVersion }));

export const handleApiVersions: Handler = () => ({ error_code: ErrorCode.NONE, api_keys: supportedApiVersions(), throttle_time_ms: 0 });
