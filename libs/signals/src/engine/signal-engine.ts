import { PrefstreamError } from '@prefstream/errors';
import { eventTimeMs, type PrefEvent, type TurnEvent } from '@prefstream/events';
import { resolveSignalConfig, type SignalEngineConfig } from '../config';
import { classifyFollowUp } from '../follow-up/classify-follow-up';
import { FOLLOW_UP_LABELS } from '../follow-up/follow-up-label';
import type { FollowUpScores } from '../follow-up/follow-up-model';
import type { SignalOutput } from '../outputs';
import { bottomK } from '../text/bottom-k-sketch';
import { editReference } from '../text/edit-distance';
import { hash53 } from '../text/hash';
import { packHashes } from '../text/packed-hashes';
import { contentWordHashes, PROMPT_SKETCH_K } from '../text/prompt-sketch';
import { wordBloom } from '../text/word-bloom';
import { applyEvidence, evidenceOf } from './apply-evidence';
import { findTurn, insertTurn, type ConversationState } from './conversation-state';
import { DeadlineHeap } from './deadline-heap';
import { MIN_TIME, zeroCounters, type SignalEngineCounters, type SignalEngineState } from './engine-state';
import { linkFollowUp } from './link-follow-up';
import { OutputCollector } from './output-collector';
import { activityBetween, rememberEvent } from './recent-events';
import { StringPool } from './string-pool';
import * as turnState from './turn-state';
import type { TurnState } from './turn-state';

// Read once at load: under CommonJS interop (tsx) every access to an imported binding is a getter call.
const { has, raiseSignal } = turnState;
const { ABANDON_DECIDED, ACTIVITY, DIRTY, LINKED, REGENERATION } = turnState.TURN_FLAGS;

export interface ProcessContext {
  /** Follow-up model probabilities for a turn event's prompt, computed by the pipeline (batched ONNX). */
  followUpScores?: FollowUpScores;
  /**
   * An opaque small integer the pipeline attaches to a turn event (e.g. packed response properties such
   * as refusal, toxicity and length bucket) and gets back on every ResponseUpdate of that turn, so
   * aggregates made when the turn's signals are final can be conditioned on them without keeping features.
   */
  tags?: number;
}

/** What the engine knows of an open turn (votes referring to turns resolve their models with it). */
export interface OpenTurnInfo {
  model: string;
  modelVersion: string;
  variant: string | undefined;
  tags: number;
}

export interface SignalEngineStats extends SignalEngineCounters {
  openConversations: number;
  openTurns: number;
  pendingEvidence: number;
  /** Event ids remembered for dedup, over all open conversations. */
  recentEventIds: number;
  /** Current watermark (ms), or null before the first event. */
  watermarkMs: number | null;
}

export interface SignalEngine {
  readonly config: SignalEngineConfig;
  /** Applies one validated event; returns the rows it (and any timer it made due) produced. */
  process(event: PrefEvent, ctx?: ProcessContext): SignalOutput[];
  /** Moves event time forward without an event (idle partitions); closes what became due. */
  advanceWatermark(eventTimeMs: number): SignalOutput[];
  snapshot(): SignalEngineState;
  restore(state: SignalEngineState): void;
  stats(): SignalEngineStats;
  /** The open turn `turnId` of a conversation, if it is still in state. */
  lookupTurn(tenant: string, conversationId: string, turnId: string): OpenTurnInfo | undefined;
}

/** The topic of an answer is in its opening; reading 1,000 characters bounds the per-turn cost. */
const RESPONSE_WORDS_MAX_CHARS = 1000;

const isActivity = (event: PrefEvent) => event.type !== 'interaction' || (event.action !== 'dwell' && event.action !== 'close');

/**
 * The per-partition signal engine: pure, synchronous and deterministic. Its outputs are a function of
 * the sequence of events and watermark ticks alone (never of wall-clock time or batch boundaries).
 */
export function createSignalEngine(overrides: Partial<SignalEngineConfig> = {}, state?: SignalEngineState): SignalEngine {
  const config = resolveSignalConfig(overrides);
  const lateness = config.allowedLatenessMs;
  const conversations = new Map<string, Map<string, ConversationState>>();
  const timers = new DeadlineHeap<ConversationState>();
  const strings = new StringPool();
  let clock = MIN_TIME;
  let counters = zeroCounters();
  const watermark = () => clock - lateness;

  function conversationOf(event: PrefEvent, create: boolean): ConversationState | undefined {
    let byId = conversations.get(event.tenant);
    let conversation = byId?.get(event.conversation_id);
    if (conversation || !create) return conversation;
    if (!byId) conversations.set(event.tenant, (byId = new Map()));
    conversation = { tenant: strings.intern(event.tenant), id: event.conversation_id, userId: event.user_id, turns: [], lastTs: MIN_TIME, recent: [], pending: undefined, timerGeneration: 0 };
    byId.set(event.conversation_id, conversation);
    return conversation;
  }

  /** Earliest watermark-passing that has work for the conversation (work is due when watermark > it). */
  function nextDeadline(conversation: ConversationState): number {
    let deadline = conversation.lastTs + config.sessionGapMs;
    for (const turn of conversation.turns) {
      if (!has(turn, LINKED)) deadline = Math.min(deadline, turn.ts);
      if (!has(turn, ABANDON_DECIDED)) deadline = Math.min(deadline, turn.ts + config.abandonGapMs);
    }
    for (const p of conversation.pending ?? []) deadline = Math.min(deadline, p.ts);
    return deadline;
  }

  const scheduled = new WeakMap<ConversationState, number>();
  function schedule(conversation: ConversationState): void {
    const deadline = nextDeadline(conversation);
    const current = scheduled.get(conversation);
    if (current !== undefined && current <= deadline) return; // the earlier entry fires first and reschedules
    scheduled.set(conversation, deadline);
    timers.push(deadline, conversation, ++conversation.timerGeneration);
  }

  function newTurn(event: TurnEvent, ts: number, ctx: ProcessContext | undefined): TurnState {
    const followUp = classifyFollowUp(event.prompt, { scores: ctx?.followUpScores, scorer: config.followUpScorer, modelThreshold: config.followUpModelThreshold });
    return {
      id: event.turn_id,
      eventId: event.event_id,
      ts,
      index: event.turn_index ?? -1,
      model: strings.intern(event.model),
      modelVersion: strings.intern(event.model_version),
      variant: strings.intern(event.variant),
      regeneratedFrom: event.regenerated_from,
      responseChars: event.response.length,
      editRef: editReference(event.response, config.exactEditMaxChars),
      promptSketch: packHashes(bottomK(contentWordHashes(event.prompt), PROMPT_SKETCH_K)),
      responseWords: wordBloom(contentWordHashes(event.response, RESPONSE_WORDS_MAX_CHARS)),
      followUp: FOLLOW_UP_LABELS.indexOf(followUp.label),
      followUpConfidence: followUp.confidence,
      flags: DIRTY | (event.regenerated_from === undefined ? 0 : REGENERATION),
      signals: {},
      thumbs: 0,
      thumbsAt: MIN_TIME,
      rating: -1,
      ratingAt: MIN_TIME,
      updatedTs: ts,
      version: 0,
      tags: ctx?.tags ?? 0,
    };
  }

  function applyTurn(conversation: ConversationState, event: TurnEvent, ts: number, ctx: ProcessContext | undefined, out: OutputCollector): void {
    const turn = newTurn(event, ts, ctx);
    insertTurn(conversation, turn);
    if (activityBetween(conversation.recent, ts, ts + config.abandonGapMs)) turn.flags |= ACTIVITY | ABANDON_DECIDED;
    // Regeneration in either arrival order: this turn replaces a known one, or a known one replaced it.
    const source = turn.regeneratedFrom === undefined ? undefined : findTurn(conversation, turn.regeneratedFrom);
    if (source) {
      turn.regeneratedFrom = undefined;
      if (raiseSignal(source, 'regenerate', 1)) out.signal(conversation, source, 'regenerate', event.event_id, ts);
    }
    for (const other of conversation.turns) {
      if (other.regeneratedFrom !== turn.id) continue;
      other.regeneratedFrom = undefined;
      if (raiseSignal(turn, 'regenerate', 1)) out.signal(conversation, turn, 'regenerate', other.eventId, other.ts);
    }
    const waiting = conversation.pending?.filter((p) => p.event.turn_id === turn.id);
    if (waiting?.length) {
      conversation.pending = conversation.pending!.filter((p) => p.event.turn_id !== turn.id);
      if (conversation.pending.length === 0) conversation.pending = undefined;
      for (const evidence of waiting) {
        turn.flags |= isActivity(evidence.event) ? ACTIVITY | ABANDON_DECIDED : 0;
        applyEvidence(conversation, turn, evidence, config, out);
      }
    }
  }

  function applyTargeted(conversation: ConversationState, event: Extract<PrefEvent, { type: 'feedback' | 'interaction' }>, ts: number, out: OutputCollector): void {
    const turn = findTurn(conversation, event.turn_id);
    const evidence = evidenceOf(event, ts, config);
    if (turn) return applyEvidence(conversation, turn, evidence, config, out);
    const pending = (conversation.pending ??= []);
    if (pending.length >= config.maxPendingPerConversation) {
      counters.unknownTurn++;
      return out.late(event, 'unknown_turn', 0);
    }
    // Waiting state keeps the edit's reference (text or sketch), not a 200k-character text twice.
    if (event.type === 'interaction' && event.action === 'edit' && event.edited_text.length > config.exactEditMaxChars) {
      evidence.event = { ...event, edited_text: '' };
    }
    pending.push(evidence);
  }

  function markActivity(conversation: ConversationState, event: PrefEvent, ts: number): void {
    if (!isActivity(event)) return;
    const target = event.type === 'feedback' || event.type === 'interaction' ? event.turn_id : undefined;
    for (const turn of conversation.turns) {
      if (has(turn, ABANDON_DECIDED)) continue;
      if (turn.id === target || (ts > turn.ts && ts <= turn.ts + config.abandonGapMs)) turn.flags |= ACTIVITY | ABANDON_DECIDED;
    }
  }

  /** Final updates for settled turns beyond the per-conversation limit, oldest first. */
  function trimTurns(conversation: ConversationState, out: OutputCollector): void {
    const turns = conversation.turns;
    while (turns.length > config.maxTurnsPerConversation && has(turns[0], LINKED) && has(turns[1], LINKED) && has(turns[0], ABANDON_DECIDED)) {
      out.final(conversation, turns[0]);
      turns.shift();
      counters.evictedTurns++;
    }
  }

  /** Does whatever the watermark `w` has made due in one conversation. */
  function settle(conversation: ConversationState, w: number, out: OutputCollector): void {
    const evict = w > conversation.lastTs + config.sessionGapMs;
    for (let at = 0; at < conversation.turns.length; at++) {
      const turn = conversation.turns[at];
      if (has(turn, LINKED) || !(turn.ts < w || evict)) continue;
      if (turn.regeneratedFrom !== undefined) {
        counters.unknownTurn++; // its source turn never arrived: nothing to attach the regeneration to
        turn.regeneratedFrom = undefined;
      }
      linkFollowUp(conversation, at, config, out);
    }
    for (const turn of conversation.turns) {
      if (has(turn, ABANDON_DECIDED) || !(turn.ts + config.abandonGapMs < w || evict)) continue;
      turn.flags |= ABANDON_DECIDED;
      const ts = turn.ts + config.abandonGapMs;
      if (!has(turn, ACTIVITY) && raiseSignal(turn, 'abandon', 1)) out.signal(conversation, turn, 'abandon', `${turn.id}#abandon`, ts);
    }
    if (conversation.pending) {
      for (const p of conversation.pending) {
        if (p.ts >= w && !evict) continue;
        counters.unknownTurn++;
        out.late(p.event, 'unknown_turn', 0);
      }
      conversation.pending = conversation.pending.filter((p) => p.ts >= w && !evict);
      if (conversation.pending.length === 0) conversation.pending = undefined;
    }
    if (evict) {
      for (const turn of conversation.turns) out.final(conversation, turn);
      counters.evictedTurns += conversation.turns.length;
      counters.evictedConversations++;
      conversation.timerGeneration = -1;
      const byId = conversations.get(conversation.tenant)!;
      byId.delete(conversation.id);
      if (byId.size === 0) conversations.delete(conversation.tenant);
      return;
    }
    trimTurns(conversation, out);
    out.updates(conversation);
    scheduled.delete(conversation);
    schedule(conversation);
  }

  /** Settles every conversation with work due, in a fixed order (not the heap's), for replayable output. */
  function fireTimers(out: OutputCollector): void {
    const w = watermark();
    const due: ConversationState[] = [];
    while (timers.peekDeadline() < w) {
      const entry = timers.pop()!;
      if (entry.generation === entry.item.timerGeneration) due.push(entry.item);
    }
    due.sort((a, b) => (a.tenant < b.tenant ? -1 : a.tenant > b.tenant ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const conversation of due) settle(conversation, w, out);
  }

  function process(event: PrefEvent, ctx?: ProcessContext): SignalOutput[] {
    const out = new OutputCollector(config);
    const ts = eventTimeMs(event);
    if (!Number.isFinite(ts)) throw new PrefstreamError(`event ${event.event_id} has no valid event time (ts ${JSON.stringify(event.ts)}); validate events before the engine`, { code: 'invalid_event', retriable: false });
    if (ts < watermark()) {
      counters.late++;
      out.late(event, 'late', watermark() - ts);
      return out.outputs;
    }
    if (ts > clock) {
      clock = ts;
      fireTimers(out);
    }
    const conversation = conversationOf(event, event.type !== 'vote');
    if (!conversation) {
      counters.ignoredVotes++;
      return out.outputs;
    }
    const remembered = rememberEvent(conversation.recent, hash53(event.event_id), ts, isActivity(event), watermark(), config.maxRecentEventIds);
    if (remembered.overflowed) counters.dedupOverflows++;
    if (remembered.duplicate) {
      counters.duplicates++;
      return out.outputs;
    }
    if (event.type === 'turn' && findTurn(conversation, event.turn_id)) {
      counters.duplicates++;
      return out.outputs;
    }
    counters.processed++;
    if (conversation.userId === undefined && event.user_id !== undefined) conversation.userId = event.user_id;
    markActivity(conversation, event, ts);
    if (event.type === 'turn') applyTurn(conversation, event, ts, ctx, out);
    else if (event.type === 'feedback' || event.type === 'interaction') applyTargeted(conversation, event, ts, out);
    if (ts > conversation.lastTs) conversation.lastTs = ts;
    trimTurns(conversation, out);
    out.updates(conversation);
    schedule(conversation);
    return out.outputs;
  }

  function restore(saved: SignalEngineState): void {
    if (saved.version !== 1) throw new PrefstreamError(`signal engine state version ${saved.version} is not supported`, { code: 'invalid_state', retriable: false });
    if (saved.exactEditMaxChars !== config.exactEditMaxChars) {
      throw new PrefstreamError(`signal engine state was written with exactEditMaxChars ${saved.exactEditMaxChars}, this engine uses ${config.exactEditMaxChars}`, { code: 'invalid_state', retriable: false });
    }
    conversations.clear();
    timers.clear();
    clock = saved.clockMs;
    counters = { ...zeroCounters(), ...saved.counters };
    for (const stored of saved.conversations) {
      const conversation: ConversationState = { ...structuredClone(stored), tenant: strings.intern(stored.tenant), timerGeneration: 0 };
      for (const turn of conversation.turns) {
        turn.model = strings.intern(turn.model);
        turn.modelVersion = strings.intern(turn.modelVersion);
        turn.variant = strings.intern(turn.variant);
      }
      let byId = conversations.get(conversation.tenant);
      if (!byId) conversations.set(conversation.tenant, (byId = new Map()));
      byId.set(conversation.id, conversation);
      schedule(conversation);
    }
  }

  if (state) restore(state);

  return {
    config,
    process,
    advanceWatermark(eventTime: number): SignalOutput[] {
      const out = new OutputCollector(config);
      if (eventTime > clock) {
        clock = eventTime;
        fireTimers(out);
      }
      return out.outputs;
    },
    snapshot(): SignalEngineState {
      const saved: SignalEngineState['conversations'] = [];
      for (const byId of conversations.values()) {
        for (const { timerGeneration: _generation, ...conversation } of byId.values()) saved.push(structuredClone(conversation));
      }
      return { version: 1, clockMs: clock, exactEditMaxChars: config.exactEditMaxChars, counters: { ...counters }, conversations: saved };
    },
    restore,
    lookupTurn(tenant: string, conversationId: string, turnId: string): OpenTurnInfo | undefined {
      const conversation = conversations.get(tenant)?.get(conversationId);
      const turn = conversation ? findTurn(conversation, turnId) : undefined;
      return turn ? { model: turn.model, modelVersion: turn.modelVersion, variant: turn.variant, tags: turn.tags } : undefined;
    },
    stats(): SignalEngineStats {
      let open = 0;
      let turns = 0;
      let pending = 0;
      let recent = 0;
      for (const byId of conversations.values()) {
        for (const c of byId.values()) {
          open++;
          turns += c.turns.length;
          pending += c.pending?.length ?? 0;
          recent += c.recent.length / 3;
        }
      }
      return { ...counters, openConversations: open, openTurns: turns, pendingEvidence: pending, recentEventIds: recent, watermarkMs: clock === MIN_TIME ? null : watermark() };
    },
  };
}
