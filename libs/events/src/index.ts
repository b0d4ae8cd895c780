// Public API of libs/events: the v1 event contract (zod) and its JSON Schema export.
export { CONTRACT_VERSION } from './envelope';
export { LIMITS } from './limits';
export { turnEvent, type TurnEvent } from './turn';
export { feedbackEvent, FEEDBACK_KINDS, type FeedbackEvent } from './feedback';
export { voteEvent, voteSide, type VoteEvent, type VoteSide } from './vote';
export { interactionEvent, INTERACTION_ACTIONS, type InteractionEvent } from './interaction';
export { EVENT_SCHEMAS, EVENT_TYPES, type EventType, type PrefEvent, type EventOf } from './event';
export { REJECT_REASONS, type RejectReason } from './reject-reason';
export { decodeEvent, validateEvent, describeIssues, type DecodeResult, type DecodeOptions } from './decode-event';
export { eventTimeMs, eventKey } from './event-time';
export { eventJsonSchemas } from './json-schema';
export { EXAMPLE_EVENTS } from './examples';
export type { SourceRecord, RecordPosition } from './source-record';
