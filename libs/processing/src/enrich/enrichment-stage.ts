import { eventTimeMs, type PrefEvent, type TurnEvent, type VoteEvent } from '@prefstream/events';
import { featureDiffs, responseFeatures, turnFeatureMaps, withClassifierScores, type ClassifierScores } from '@prefstream/features';
import { createSignalEngine, type ResponseUpdate, type SignalEngine, type SignalEngineConfig, type SignalEngineState, type SignalOutput } from '@prefstream/signals';
import { MinuteAggregates, minuteOf, type MinuteKey } from '@prefstream/stats';
import type { LateEventRow, MinuteAggregateRow, ResponseFeaturesRow, ResponseRow, SignalTableRow, VoteRow } from '../rows';
import { toMinuteAggregateRow } from './minute-rows';
import { packTurnTags, turnProperties, unpackTurnTags } from './turn-tags';

/** What the enrichment stages produced for one slice, by table. */
export interface EnrichedTables {
  responses: ResponseRow[];
  response_features: ResponseFeaturesRow[];
  signals: SignalTableRow[];
  votes: VoteRow[];
  late_events: LateEventRow[];
  minute_aggregates: MinuteAggregateRow[];
}

export interface EnrichmentCounters {
  late: number;
  unresolvedVotes: number;
}

/**
 * Classifier scores computed before the slice (batched ONNX, off the event loop), keyed by the turn's
 * event_id, or `<event_id>#a` / `<event_id>#b` for the inline sides of a vote. Absent = not scored.
 */
export type SliceScores = ReadonlyMap<string, ClassifierScores>;

const emptyTables = (): EnrichedTables => ({ responses: [], response_features: [], signals: [], votes: [], late_events: [], minute_aggregates: [] });
const bit = (b: boolean): 0 | 1 => (b ? 1 : 0);

/**
 * Signals, features and per-minute statistics for one partition: synchronous and deterministic given its
 * state and input. The only state is the signal engine's (sessions); the minute aggregates of a slice are
 * partials written as they are (the table sums partials), so they need no checkpoint. A response's arrival
 * (features, latency, length) is counted in the minute of its event time when it arrives; its outcome
 * (reward, signals, explicit feedback) when its signals are final, in the same minute.
 */
export class EnrichmentStage {
  private readonly engine: SignalEngine;
  private readonly counters: EnrichmentCounters = { late: 0, unresolvedVotes: 0 };

  constructor(config: Partial<SignalEngineConfig> = {}, state?: SignalEngineState) {
    this.engine = createSignalEngine(config, state);
  }

  apply(events: readonly PrefEvent[], ingestedAt: number, scores?: SliceScores): EnrichedTables {
    const slice = new SliceOutput(ingestedAt, this.counters);
    for (const event of events) {
      if (event.type === 'turn') this.applyTurn(event, slice, scores?.get(event.event_id));
      else {
        if (event.type === 'vote') this.applyVote(event, slice, scores);
        slice.collect(this.engine.process(event));
      }
    }
    return slice.finish();
  }

  /** Moves event time forward without events (idle partitions); closes what became due. */
  advanceWatermark(eventTimeMs: number, ingestedAt: number): EnrichedTables {
    const slice = new SliceOutput(ingestedAt, this.counters);
    slice.collect(this.engine.advanceWatermark(eventTimeMs));
    return slice.finish();
  }

  /** End of a finite input: every open session is closed as if its gap had passed. */
  flush(ingestedAt: number): EnrichedTables {
    return this.advanceWatermark(Number.MAX_SAFE_INTEGER, ingestedAt);
  }

  snapshot(): SignalEngineState {
    return this.engine.snapshot();
  }

  stats() {
    return { ...this.engine.stats(), ...this.counters };
  }

  private applyTurn(event: TurnEvent, slice: SliceOutput, scores: ClassifierScores | undefined): void {
    // One map for response + prompt features (response first, as spreading the two would give); the scores,
    // when the slice has any for this turn, are appended by withClassifierScores (a copy only then).
    const features = turnFeatureMaps(event.prompt, event.response);
    const numeric = scores === undefined ? features.numeric : withClassifierScores(features.numeric, scores);
    const tokens = features.numeric.tokens;
    const outputs = this.engine.process(event, { tags: packTurnTags(turnProperties(tokens, scores)) });
    slice.collect(outputs);
    // The turn entered the engine's state (not a duplicate, not late) when its first update is among the outputs.
    let arrived = false;
    for (const o of outputs) {
      if (o.type === 'response' && o.row.version === 1 && o.row.turn_id === event.turn_id) {
        arrived = true;
        break;
      }
    }
    if (!arrived) return;
    const ts = eventTimeMs(event);
    const variant = event.variant ?? '';
    slice.tables.response_features.push({
      tenant: event.tenant, model: event.model, model_version: event.model_version, variant, turn_id: event.turn_id, conversation_id: event.conversation_id,
      segment: event.segment ?? '', ts, prompt_chars: event.prompt.length, response_chars: event.response.length, latency_ms: event.latency_ms ?? 0,
      features: numeric, categories: features.categorical, scores: { ...scores },
    });
    slice.aggregates.addResponse(
      { tenant: event.tenant, model: event.model, model_version: event.model_version, variant, minute: minuteOf(ts) },
      { latencyMs: event.latency_ms, lengthTokens: tokens, features: numeric },
    );
  }

  private applyVote(event: VoteEvent, slice: SliceOutput, scores: SliceScores | undefined): void {
    const a = this.resolveSide(event, event.a);
    const b = this.resolveSide(event, event.b);
    const ts = eventTimeMs(event);
    if (!a || !b) {
      this.counters.unresolvedVotes++;
      slice.late(event, 'unknown_turn', 0);
      return;
    }
    let diffs: Record<string, number> = {};
    if (event.a.response !== undefined && event.b.response !== undefined) {
      const features = (text: string, side: 'a' | 'b') => withClassifierScores(responseFeatures(text, event.prompt).numeric, scores?.get(`${event.event_id}#${side}`) ?? {});
      diffs = featureDiffs(features(event.a.response, 'a'), features(event.b.response, 'b'));
    }
    slice.tables.votes.push({
      tenant: event.tenant, vote_id: event.event_id, conversation_id: event.conversation_id, user_hash: event.user_id ?? '', segment: event.segment ?? '',
      model_a: a.model, model_b: b.model, winner: event.winner, anonymous: bit(event.anonymous === true), feature_diffs: diffs, ts,
    });
    const minute = minuteOf(ts);
    const [outcomeA, outcomeB] = event.winner === 'a' ? (['won', 'lost'] as const) : event.winner === 'b' ? (['lost', 'won'] as const) : ([event.winner, event.winner] as const);
    slice.aggregates.addFeedback({ tenant: event.tenant, ...a, minute }, { kind: 'vote', outcome: outcomeA });
    slice.aggregates.addFeedback({ tenant: event.tenant, ...b, minute }, { kind: 'vote', outcome: outcomeB });
  }

  /** The model behind one side: inline, or the referenced turn if it is still in the engine's state. */
  private resolveSide(event: VoteEvent, side: VoteEvent['a']): Omit<MinuteKey, 'tenant' | 'minute'> | undefined {
    if (side.model !== undefined) return { model: side.model, model_version: side.model_version ?? '', variant: '' };
    const turn = this.engine.lookupTurn(event.tenant, event.conversation_id, side.turn_id!);
    return turn && { model: turn.model, model_version: turn.modelVersion, variant: turn.variant ?? '' };
  }
}

/**
 * Rows and aggregates of one slice, filled from the engine's outputs.
 *
 * `responses` holds one row per turn and slice: the turn's latest update in the slice (the engine emits
 * one on every change of a turn, about four per turn on synthetic traffic). That loses nothing: the table
 * is a ReplacingMergeTree on `version` and readers use FINAL, so only a turn's highest version is ever
 * read, and it carries the final flag when it is the last. Rows come in the order of each turn's latest
 * update, so coalescing slices and then their concatenation gives the same rows as coalescing once.
 */
class SliceOutput {
  readonly tables = emptyTables();
  readonly aggregates = new MinuteAggregates();
  /** Every turn's latest update so far, in the order of those latest updates (superseded ones are holes). */
  private readonly updates: (ResponseUpdate | undefined)[] = [];
  /** Where each turn's latest update is, by turn_id: a lookup by a string the event already holds (no key to build). */
  private readonly byTurn = new Map<string, TurnSlot>();
  /** The same for a turn_id met in a second conversation within the slice, by (tenant, conversation, turn). */
  private readonly byConversationTurn = new Map<string, TurnSlot>();

  constructor(private readonly ingestedAt: number, private readonly counters: EnrichmentCounters) {}

  collect(outputs: readonly SignalOutput[]): void {
    for (const output of outputs) {
      if (output.type === 'signal') {
        const r = output.row;
        this.tables.signals.push({ tenant: r.tenant, model: r.model, model_version: r.model_version, kind: r.kind, turn_id: r.turn_id, conversation_id: r.conversation_id, event_id: r.event_id, value: r.value, weight: r.weight, polarity: r.polarity, ts: r.ts });
      } else if (output.type === 'response') {
        this.response(output.row);
      } else {
        this.counters.late++;
        this.late(output.row.event, output.row.reason, output.row.lateness_ms);
      }
    }
  }

  late(event: PrefEvent, reason: string, latenessMs: number): void {
    this.tables.late_events.push({ tenant: event.tenant, event_id: event.event_id, conversation_id: event.conversation_id, type: event.type, reason, lateness_ms: Math.round(latenessMs), ts: eventTimeMs(event), ingested_at: this.ingestedAt });
  }

  private response(r: ResponseUpdate): void {
    const slot = this.slotOf(r);
    if (slot.at >= 0) this.updates[slot.at] = undefined;
    slot.at = this.updates.length;
    this.updates.push(r);
    if (!r.final) return;
    const key: MinuteKey = { tenant: r.tenant, model: r.model, model_version: r.model_version, variant: r.variant ?? '', minute: minuteOf(r.ts) };
    const properties = unpackTurnTags(r.tags);
    // Signal values are counts or graded shares; the aggregate counts responses showing each signal.
    const shown: Record<string, number> = {};
    for (const kind in r.signals) if (r.signals[kind] > 0) shown[kind] = 1;
    this.aggregates.addOutcome(key, { reward: r.implicit_reward, signals: shown, refuses: properties.refuses, toxic: properties.toxic, lengthBucket: properties.lengthBucket });
    const { explicit } = r;
    if (explicit.thumbs !== 0) this.aggregates.addFeedback(key, { kind: 'thumbs', value: explicit.thumbs });
    if (explicit.rating !== null) this.aggregates.addFeedback(key, { kind: 'rating', value: explicit.rating, scaleMin: 0, scaleMax: 1 });
    if (explicit.flagged) this.aggregates.addFeedback(key, { kind: 'flag' });
    if (explicit.reacted) this.aggregates.addFeedback(key, { kind: 'reaction' });
    if (explicit.commented) this.aggregates.addFeedback(key, { kind: 'comment' });
  }

  private slotOf(r: ResponseUpdate): TurnSlot {
    let slot = this.byTurn.get(r.turn_id);
    if (slot === undefined) {
      slot = { tenant: r.tenant, conversationId: r.conversation_id, at: -1 };
      this.byTurn.set(r.turn_id, slot);
      return slot;
    }
    if (slot.tenant === r.tenant && slot.conversationId === r.conversation_id) return slot;
    const id = `${r.tenant}\u0000${r.conversation_id}\u0000${r.turn_id}`;
    slot = this.byConversationTurn.get(id);
    if (slot === undefined) {
      slot = { tenant: r.tenant, conversationId: r.conversation_id, at: -1 };
      this.byConversationTurn.set(id, slot);
    }
    return slot;
  }

  finish(): EnrichedTables {
    const responses = this.tables.responses;
    for (const r of this.updates) {
      if (r === undefined) continue;
      responses.push({
        tenant: r.tenant, model: r.model, model_version: r.model_version, variant: r.variant ?? '', turn_id: r.turn_id, conversation_id: r.conversation_id, user_hash: r.user_id ?? '',
        segment: '', ts: r.ts, updated_ts: r.updated_ts, signals: r.signals, implicit_reward: r.implicit_reward, thumbs: r.explicit.thumbs, rating: r.explicit.rating ?? -1,
        flagged: bit(r.explicit.flagged), reacted: bit(r.explicit.reacted), commented: bit(r.explicit.commented), final: bit(r.final), version: r.version,
      });
    }
    this.updates.length = 0;
    this.byTurn.clear();
    this.byConversationTurn.clear();
    // Deterministic order (by key, minute) so a replayed slice produces identical blocks for dedup.
    this.tables.minute_aggregates = this.aggregates.drainBefore(Number.MAX_SAFE_INTEGER).map(toMinuteAggregateRow)
      .sort((x, y) => x.minute - y.minute || cmp(x.tenant, y.tenant) || cmp(x.model, y.model) || cmp(x.model_version, y.model_version) || cmp(x.variant, y.variant));
    return this.tables;
  }
}

interface TurnSlot {
  tenant: string;
  conversationId: string;
  /** Index of the turn's latest update in SliceOutput.updates (-1 before the first). */
  at: number;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
