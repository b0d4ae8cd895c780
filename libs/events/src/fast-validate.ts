import { z } from 'zod';
import { timestamp } from './envelope';
import { LIMITS } from './limits';

/**
 * A hand-written check of contract v1 that is several times faster than the zod schemas on the hot path.
 * It only ever says "valid for sure": when it returns false the zod schema decides (and explains), so a
 * mistake here can cost speed but not correctness as long as it never accepts what zod rejects. A
 * property test (fast-validate.spec.ts) checks exactly that on random and mutated events.
 */
type Obj = Record<string, unknown>;

const TS_PATTERN = new RegExp((z.toJSONSchema(timestamp) as { pattern: string }).pattern);
const str = (v: unknown, min: number, max: number): boolean => typeof v === 'string' && v.length >= min && v.length <= max;
const id = (v: unknown) => str(v, 1, LIMITS.maxIdChars);
const optId = (v: unknown) => v === undefined || id(v);
const optLabel = (v: unknown) => v === undefined || str(v, 1, LIMITS.maxLabelChars);
const longText = (v: unknown) => str(v, 0, LIMITS.maxTextChars);
const optLongText = (v: unknown) => v === undefined || longText(v);
const shortText1 = (v: unknown) => str(v, 1, LIMITS.maxCommentChars);
const count = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const optCount = (v: unknown) => v === undefined || count(v);
const optNonNegative = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= 0);
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function metadataOk(v: unknown): boolean {
  if (v === undefined) return true;
  if (!isObj(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
  let n = 0;
  for (const key in v) {
    if (!Object.hasOwn(v, key)) return false;
    if (++n > LIMITS.maxMetadataEntries || key.length > LIMITS.maxLabelChars || !str(v[key], 0, LIMITS.maxLabelChars)) return false;
  }
  return true;
}

function envelopeOk(e: Obj): boolean {
  return (
    (e.schema_version === undefined || e.schema_version === 1) &&
    id(e.event_id) && typeof e.ts === 'string' && TS_PATTERN.test(e.ts) && id(e.tenant) && id(e.conversation_id) &&
    optId(e.user_id) && optLabel(e.segment) && optLabel(e.locale) && metadataOk(e.metadata)
  );
}

const turnOk = (e: Obj) =>
  id(e.turn_id) && optCount(e.turn_index) && longText(e.prompt) && longText(e.response) && id(e.model) && id(e.model_version) &&
  optLabel(e.variant) && optNonNegative(e.latency_ms) && optCount(e.prompt_tokens) && optCount(e.response_tokens) && optId(e.regenerated_from);

function feedbackOk(e: Obj): boolean {
  if (!id(e.turn_id)) return false;
  switch (e.kind) {
    case 'thumbs': return e.value === 1 || e.value === -1;
    case 'rating': {
      const { value, scale_min: lo, scale_max: hi } = e;
      return typeof value === 'number' && Number.isFinite(value) && Number.isSafeInteger(lo) && Number.isSafeInteger(hi) && (lo as number) < (hi as number) && value >= (lo as number) && value <= (hi as number);
    }
    case 'reaction': return str(e.emoji, 1, LIMITS.maxLabelChars);
    case 'flag': return shortText1(e.reason);
    case 'comment': return shortText1(e.text);
    default: return false;
  }
}

const sideOk = (s: unknown) => isObj(s) && optId(s.turn_id) && optId(s.model) && optId(s.model_version) && optLongText(s.response) && (s.turn_id !== undefined || s.model !== undefined);
const voteOk = (e: Obj) =>
  optLongText(e.prompt) && (e.anonymous === undefined || typeof e.anonymous === 'boolean') && sideOk(e.a) && sideOk(e.b) && (e.winner === 'a' || e.winner === 'b' || e.winner === 'tie' || e.winner === 'both_bad') &&
  !((e.a as Obj).turn_id !== undefined && (e.a as Obj).turn_id === (e.b as Obj).turn_id);

function interactionOk(e: Obj): boolean {
  if (!id(e.turn_id)) return false;
  switch (e.action) {
    case 'regenerate': case 'share': case 'close': return true;
    case 'copy': return count(e.copied_chars);
    case 'edit': return longText(e.edited_text);
    case 'stop': return optCount(e.shown_chars);
    case 'dwell': return count(e.dwell_ms);
    default: return false;
  }
}

/** True only if `value` certainly satisfies contract v1; false means "ask the zod schema". */
export function fastValidate(value: unknown): boolean {
  if (!isObj(value) || !envelopeOk(value)) return false;
  switch (value.type) {
    case 'turn': return turnOk(value);
    case 'feedback': return feedbackOk(value);
    case 'vote': return voteOk(value);
    case 'interaction': return interactionOk(value);
    default: return false;
  }
}
