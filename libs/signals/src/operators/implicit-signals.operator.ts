import { Observable, type OperatorFunction } from 'rxjs';
import type { PrefEvent } from '@prefstream/events';
import type { SignalEngineConfig } from '../config';
import { createSignalEngine, type SignalEngine } from '../engine/signal-engine';
import type { SignalOutput } from '../outputs';

/** Moves event time forward when a partition is idle, so idle sessions still close. */
export interface WatermarkTick {
  type: 'watermark';
  event_time_ms: number;
}

export type SignalInput = PrefEvent | WatermarkTick;

export interface ImplicitSignalsOptions {
  /** Engine to drive (e.g. restored from a checkpoint); a fresh one from `config` per subscription otherwise. */
  engine?: SignalEngine;
  config?: Partial<SignalEngineConfig>;
  /** On completion of a finite input (a replay), close every open session and emit its final rows. */
  flushOnComplete?: boolean;
}

/**
 * RxJS operator over the signal engine: validated events and watermark ticks in, signal rows, response
 * updates and late events out, in engine order. All logic lives in the engine; this only adapts it.
 */
export function implicitSignals(options: ImplicitSignalsOptions = {}): OperatorFunction<SignalInput, SignalOutput> {
  return (source) =>
    new Observable<SignalOutput>((subscriber) => {
      const engine = options.engine ?? createSignalEngine(options.config);
      const emit = (outputs: SignalOutput[]) => {
        for (const output of outputs) subscriber.next(output);
      };
      return source.subscribe({
        next(input) {
          try {
            emit(input.type === 'watermark' ? engine.advanceWatermark(input.event_time_ms) : engine.process(input));
          } catch (error) {
            subscriber.error(error);
          }
        },
        error: (error: unknown) => subscriber.error(error),
        complete() {
          if (options.flushOnComplete) emit(engine.advanceWatermark(Number.MAX_SAFE_INTEGER));
          subscriber.complete();
        },
      });
    });
}
