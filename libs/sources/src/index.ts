// Public API of libs/sources: inputs that turn files into raw records or events.
export type { SourceRecord, RecordPosition } from '@prefstream/events';
export { readNdjsonFile, type NdjsonReadOptions } from './ndjson-file';
export { seededRandom } from './seeded-random';
export { generateSyntheticTraffic, DEFAULT_SYNTHETIC_MODELS, type SyntheticTrafficOptions, type SyntheticModel } from './synthetic-traffic';
