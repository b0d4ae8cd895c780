import { concat, EMPTY, map, NEVER, of, Subject, throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { ResponseUpdate, SignalOutput } from '../outputs';
import { OnlineLogisticCalibrator } from '../reward/logistic-calibrator';
import type { RewardWeightRow } from '../reward/reward-weight-rows';
import { trainRewardCalibration } from './train-reward-calibration.operator';

const response = (signals: Record<string, number>, thumbs: -1 | 0 | 1, final = true, ts = 1): SignalOutput => ({
  type: 'response',
  row: {
    tenant: 'acme', conversation_id: 'c', turn_id: `t${ts}`, model: 'm', model_version: 'v', ts, updated_ts: ts, signals, implicit_reward: 0,
    explicit: { thumbs, rating: null, flagged: false, reacted: false, commented: false }, version: 1, final, tags: 0,
  } satisfies ResponseUpdate,
});
const up = response({ copy: 1 }, 1);
const down = response({ regenerate: 1 }, -1);
const weightOf = (rows: RewardWeightRow[], feature: string) => rows.find((r) => r.feature === feature)!.weight;
const summary = (rows: RewardWeightRow[]) => `${rows[0].examples}`;
const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('trainRewardCalibration', () => {
  it('completes without output on an empty stream', () => {
    scheduler().run(({ expectObservable }) => expectObservable(EMPTY.pipe(trainRewardCalibration(new OnlineLogisticCalibrator()))).toBe('|'));
  });

  it('emits the weights after one labelled response when asked to', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const out = cold('a|', { a: up }).pipe(trainRewardCalibration(new OnlineLogisticCalibrator(), { emitEvery: 1 }), map(summary));
      expectObservable(out).toBe('x|', { x: '1' });
    });
  });

  it('learns only from final updates that carry thumbs, and emits every N examples plus the rest on completion', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const notFinal = response({ copy: 1 }, 1, false);
      const unlabelled = response({ copy: 1 }, 0);
      const signalRow: SignalOutput = { type: 'signal', row: { event_id: 'e', tenant: 'acme', conversation_id: 'c', turn_id: 't', model: 'm', model_version: 'v', kind: 'copy', value: 1, weight: 0.6, polarity: 1, ts: 1 } };
      const out = cold('a-b-c-d-e-f-g|', { a: up, b: notFinal, c: down, d: unlabelled, e: signalRow, f: up, g: down }).pipe(
        trainRewardCalibration(new OnlineLogisticCalibrator(), { emitEvery: 3 }),
        map(summary),
      );
      expectObservable(out).toBe('----------x--(y|)', { x: '3', y: '4' });
    });
  });

  it('fits copy as positive and regenerate as negative evidence', () => {
    const calibrator = new OnlineLogisticCalibrator();
    const emitted: RewardWeightRow[][] = [];
    of(...Array.from({ length: 200 }, (_, i) => (i % 2 ? up : down))).pipe(trainRewardCalibration(calibrator, { emitEvery: 100, scope: 'acme' })).subscribe((rows) => emitted.push(rows));
    expect(emitted).toHaveLength(2);
    const last = emitted[1];
    expect(last.every((r) => r.scope === 'acme' && r.examples === 200)).toBe(true);
    expect(weightOf(last, 'copy')).toBeGreaterThan(1);
    expect(weightOf(last, 'regenerate')).toBeLessThan(-1);
  });

  it('passes an upstream error through', () => {
    scheduler().run(({ expectObservable }) => {
      const out = concat(of(up), throwError(() => new Error('boom'))).pipe(trainRewardCalibration(new OnlineLogisticCalibrator(), { emitEvery: 1 }), map(summary));
      expectObservable(out).toBe('(x#)', { x: '1' }, new Error('boom'));
    });
  });

  it('keeps going on a never-ending source', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const out = concat(cold('a-a', { a: up }), NEVER).pipe(trainRewardCalibration(new OnlineLogisticCalibrator(), { emitEvery: 1 }), map(summary));
      expectObservable(out, '^ 10ms !').toBe('x-y', { x: '1', y: '2' });
    });
  });

  it('stops pulling when unsubscribed early', () => {
    const source = new Subject<SignalOutput>();
    const calibrator = new OnlineLogisticCalibrator();
    const subscription = source.pipe(trainRewardCalibration(calibrator, { emitEvery: 1 })).subscribe();
    source.next(up);
    subscription.unsubscribe();
    source.next(up);
    expect(calibrator.examples).toBe(1);
    expect(source.observed).toBe(false);
  });
});
