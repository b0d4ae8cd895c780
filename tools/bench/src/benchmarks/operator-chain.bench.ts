import { createUserHasher, PartitionProcessor } from '@prefstream/processing';
import type { SourceRecord } from '@prefstream/events';
import type { Benchmark, Sample } from '../benchmark';
import { syntheticRecords } from './synthetic-records';

const BATCH = 5000;

function timeIt(records: SourceRecord[], fn: (batch: SourceRecord[]) => void): Sample {
  const start = process.hrtime.bigint();
  for (let i = 0; i < records.length; i += BATCH) fn(records.slice(i, i + BATCH));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { opsPerSec: records.length / seconds };
}

/** In-process operator chain on one core, against bare JSON.parse of the same bytes. */
export function operatorChainBenchmark(): Benchmark {
  let records: SourceRecord[] = [];
  let meanBytes = 0;
  return {
    name: 'operator-chain',
    description: 'the whole in-process chain per event (decode, validate, dedup, pseudonymise, sessionize + signals + reward, features without ONNX, minute statistics, all output rows), one core, batches of 5000',
    target: { metric: 'opsPerSec', atLeast: 150_000, note: '>= 150,000 events/s' },
    baselineName: 'JSON.parse of the same bytes',
    repeats: { quick: 2, full: 7 },
    async setup({ quick }) {
      records = syntheticRecords(quick ? 3000 : 30000);
      meanBytes = records.reduce((n, r) => n + r.value.length, 0) / records.length;
    },
    async run() {
      // A fresh processor per repetition: the same sessions open and close every time.
      const processor = new PartitionProcessor({ hashUser: createUserHasher('bench-key-0123456789') });
      const sample = timeIt(records, (batch) => processor.process(batch, 0));
      return { ...sample, extra: { events: records.length, meanEventBytes: Math.round(meanBytes) } };
    },
    async baseline() {
      const decoder = new TextDecoder();
      return timeIt(records, (batch) => {
        for (const r of batch) JSON.parse(decoder.decode(r.value));
      });
    },
  };
}
