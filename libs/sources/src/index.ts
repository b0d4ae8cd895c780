// Public API of libs/sources: inputs that turn files into raw records or events.
export type { SourceRecord, RecordPosition } from './source-record';
export { readNdjsonFile, type NdjsonReadOptions } from './ndjson-file';
