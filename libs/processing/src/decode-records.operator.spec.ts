import { EMPTY, NEVER, Subject, concat, map, of, throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { EXAMPLE_EVENTS } from '@prefstream/events';
import type { SourceRecord } from '@prefstream/events';
import { decodeRecords } from './decode-records.operator';
import type { DecodedBatch } from './decoded-record';

const rec = (text: string, line: number): SourceRecord => ({ value: new TextEncoder().encode(text), position: { kind: 'file', path: 'f', line } });
const good = rec(JSON.stringify(EXAMPLE_EVENTS[0]), 1);
const bad = rec('{"type":"turn"}', 2);
const summary = (b: DecodedBatch) => `${b.accepted.length}/${b.rejected.map((r) => r.reason).join(',')}`;
const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

describe('decodeRecords', () => {
  it('completes without output on an empty stream', () => {
    scheduler().run(({ expectObservable }) => expectObservable(EMPTY.pipe(decodeRecords())).toBe('|'));
  });

  it('decodes a single batch', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const out = cold('a|', { a: [good, bad] }).pipe(decodeRecords());
      expectObservable(out.pipe(mapSummary())).toBe('x|', { x: '1/invalid' });
    });
  });

  it('keeps batch boundaries and order over many batches', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const out = cold('a-b-c|', { a: [good], b: [bad, bad], c: [] }).pipe(decodeRecords());
      expectObservable(out.pipe(mapSummary())).toBe('x-y-z|', { x: '1/', y: '0/invalid,invalid', z: '0/' });
    });
  });

  it('passes an upstream error through after earlier batches', () => {
    scheduler().run(({ expectObservable }) => {
      const out = concat(of([good]), throwError(() => new Error('boom'))).pipe(decodeRecords(), mapSummary());
      expectObservable(out).toBe('(x#)', { x: '1/' }, new Error('boom'));
    });
  });

  it('keeps going on a never-ending source', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const out = concat(cold('a-a', { a: [good] }), NEVER).pipe(decodeRecords(), mapSummary());
      expectObservable(out, '^ 10ms !').toBe('x-x', { x: '1/' });
    });
  });

  it('stops pulling when unsubscribed early', () => {
    const source = new Subject<SourceRecord[]>();
    const seen: DecodedBatch[] = [];
    const subscription = source.pipe(decodeRecords()).subscribe((b) => seen.push(b));
    source.next([good]);
    subscription.unsubscribe();
    source.next([good]);
    expect(seen).toHaveLength(1);
    expect(source.observed).toBe(false);
  });

  it('rejects truncated (oversize) records without decoding them', () => {
    const truncated: SourceRecord = { ...good, truncatedFromBytes: 5_000_000 };
    const seen: DecodedBatch[] = [];
    of([truncated]).pipe(decodeRecords()).subscribe((b) => seen.push(b));
    expect(seen[0].rejected[0]).toMatchObject({ reason: 'oversize', message: expect.stringContaining('5000000 bytes') });
  });
});

function mapSummary() {
  return map(summary);
}
