import { concat, EMPTY, from, map, NEVER, of, Subject, throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { SignalOutput } from '../outputs';
import { interaction, MIN, SEC, T0, thumbs, turn } from '../../test/events';
import { implicitSignals, type SignalInput } from './implicit-signals.operator';

/** One letter per output kind keeps marbles readable: r = response update, f = final update, s = signal, l = late. */
const letter = (o: SignalOutput) => (o.type === 'signal' ? 's' : o.type === 'late' ? 'l' : o.row.final ? 'f' : 'r');
const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
const letters = { r: 'r', f: 'f', s: 's', l: 'l' };

describe('implicitSignals', () => {
  it('completes without output on an empty stream', () => {
    scheduler().run(({ expectObservable }) => expectObservable(EMPTY.pipe(implicitSignals())).toBe('|'));
  });

  it('emits the first response update of a single turn', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const out = cold<SignalInput>('a|', { a: turn('c1', 't1', T0) }).pipe(implicitSignals(), map(letter));
      expectObservable(out).toBe('r|', letters);
    });
  });

  it('turns many events into signals and updates, in event order', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const input = cold<SignalInput>('a 9ms b 9ms c 9ms |', {
        a: turn('c1', 't1', T0),
        b: interaction('c1', 't1', T0 + 5 * SEC, 'copy', { copied_chars: 10 }),
        c: thumbs('c1', 't1', T0 + 6 * SEC, 1),
      });
      expectObservable(input.pipe(implicitSignals(), map(letter))).toBe('r 9ms (sr) 6ms r 9ms |', letters);
    });
  });

  it('closes idle sessions on a watermark tick, and on completion when asked to flush', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const tick: SignalInput = { type: 'watermark', event_time_ms: T0 + 2 * 60 * MIN };
      expectObservable(cold<SignalInput>('a-b----|', { a: turn('c1', 't1', T0), b: tick }).pipe(implicitSignals(), map(letter))).toBe('r-(sf)-|', letters);
      expectObservable(cold<SignalInput>('a|', { a: turn('c2', 't1', T0) }).pipe(implicitSignals({ flushOnComplete: true }), map(letter))).toBe('r(sf|)', letters);
    });
  });

  it('passes an upstream error through after earlier outputs', () => {
    scheduler().run(({ expectObservable }) => {
      const out = concat(of<SignalInput>(turn('c1', 't1', T0)), throwError(() => new Error('boom'))).pipe(implicitSignals(), map(letter));
      expectObservable(out).toBe('(r#)', letters, new Error('boom'));
    });
  });

  it('errors (instead of guessing) on an event without a valid event time', () => {
    scheduler().run(({ expectObservable }) => {
      const broken = { ...turn('c1', 't1', T0), ts: 'not a time' };
      const out = of<SignalInput>(broken).pipe(implicitSignals(), map(letter));
      expectObservable(out).toBe('#', letters, expect.objectContaining({ code: 'invalid_event' }));
    });
  });

  it('keeps going on a never-ending source', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const out = concat(cold<SignalInput>('a-b', { a: turn('c1', 't1', T0), b: turn('c2', 't1', T0 + SEC) }), NEVER).pipe(implicitSignals(), map(letter));
      expectObservable(out, '^ 10ms !').toBe('r-r', letters);
    });
  });

  it('stops pulling when unsubscribed early', () => {
    const source = new Subject<SignalInput>();
    const seen: SignalOutput[] = [];
    const subscription = source.pipe(implicitSignals()).subscribe((o) => seen.push(o));
    source.next(turn('c1', 't1', T0));
    subscription.unsubscribe();
    source.next(turn('c1', 't2', T0 + SEC));
    expect(seen).toHaveLength(1);
    expect(source.observed).toBe(false);
  });

  it('gives each subscription its own engine unless one is passed in', () => {
    const events = [turn('c1', 't1', T0), turn('c1', 't1', T0, { event_id: 'again' })];
    const run = () => {
      const seen: SignalOutput[] = [];
      from<SignalInput[]>(events).pipe(implicitSignals()).subscribe((o) => seen.push(o));
      return seen.length;
    };
    expect(run()).toBe(1); // the second delivery of turn t1 is a duplicate within one engine
    expect(run()).toBe(1); // and a second subscription does not inherit the first one's state
  });
});
