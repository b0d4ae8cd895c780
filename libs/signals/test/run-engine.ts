// Helpers to drive a signal engine in specs and read its outputs back per turn.
import type { PrefEvent } from '@prefstream/events';
import type { SignalEngineConfig } from '../src/config';
import { createSignalEngine, type SignalEngine } from '../src/engine/signal-engine';
import type { ResponseUpdate, SignalOutput, SignalRow, LateEvent } from '../src/outputs';

export interface Run {
  engine: SignalEngine;
  outputs: SignalOutput[];
}

/** Feeds the events in order; then, if `closeAt` is given, advances event time there (closing sessions). */
export function runEngine(events: readonly PrefEvent[], config: Partial<SignalEngineConfig> = {}, closeAt?: number): Run {
  const engine = createSignalEngine(config);
  const outputs: SignalOutput[] = [];
  for (const event of events) outputs.push(...engine.process(event));
  if (closeAt !== undefined) outputs.push(...engine.advanceWatermark(closeAt));
  return { engine, outputs };
}

export const signalRows = (outputs: readonly SignalOutput[]): SignalRow[] => outputs.flatMap((o) => (o.type === 'signal' ? [o.row] : []));
export const lateRows = (outputs: readonly SignalOutput[]): LateEvent[] => outputs.flatMap((o) => (o.type === 'late' ? [o.row] : []));
export const updates = (outputs: readonly SignalOutput[]): ResponseUpdate[] => outputs.flatMap((o) => (o.type === 'response' ? [o.row] : []));

/** The last update of every turn (the final one once the session closed), by turn_id. */
export function lastUpdates(outputs: readonly SignalOutput[]): Map<string, ResponseUpdate> {
  const byTurn = new Map<string, ResponseUpdate>();
  for (const u of updates(outputs)) byTurn.set(`${u.conversation_id}/${u.turn_id}`, u);
  return byTurn;
}

/** What a turn ended up with: signals, explicit summary and reward (version and timestamps left out). */
export function finalState(outputs: readonly SignalOutput[]): Record<string, { signals: Record<string, number>; explicit: ResponseUpdate['explicit']; reward: number; final: boolean }> {
  const out: Record<string, { signals: Record<string, number>; explicit: ResponseUpdate['explicit']; reward: number; final: boolean }> = {};
  for (const [key, u] of lastUpdates(outputs)) out[key] = { signals: u.signals, explicit: u.explicit, reward: u.implicit_reward, final: u.final };
  return out;
}
