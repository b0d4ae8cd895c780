// Public API of libs/sources: inputs that turn files into raw records or events.
export type { SourceRecord, RecordPosition } from '@prefstream/events';
export { readNdjsonFile, type NdjsonReadOptions } from './ndjson-file';
