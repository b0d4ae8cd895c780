// Public API of libs/sources: inputs that turn files into raw records or events.
export type { SourceRecord, RecordPosition } from '@prefstream/events';
export { readNdjsonFile, type NdjsonReadOptions } from './ndjson-file';
export { seededRandom } from './seeded-random';
export { generateSyntheticTraffic, DEFAULT_SYNTHETIC_MODELS, type SyntheticTrafficOptions, type SyntheticModel } from './synthetic-traffic';
export { PacedSyntheticTraffic, type PacedTrafficOptions } from './paced-traffic';
export { eventRecord, inBatches } from './event-record';
export { readArenaBattles, arenaBattleToVote, arenaEventId, type ArenaBattle, type ArenaReadOptions } from './arena-battles';
export { readHhRlhfPairs, hhRlhfPairToVote, splitHhRlhfPair, hhRlhfRowHash, chosenOnSideA, type HhRlhfReadOptions, type HhRlhfSplit } from './hh-rlhf-pairs';
