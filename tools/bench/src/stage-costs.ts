// What each stage of the operator chain costs, alone and cumulatively, on the same synthetic records:
//   node bin/run-ts.js tools/bench/src/stage-costs.ts [--conversations 30000] [--stages a,b] [--reps 5] [--slice 5000]
// Prints, per stage, us/event (wall min and median, process CPU min and median), events/s from the wall
// min, and the median ratio of its time to JSON.parse of the same bytes timed right before and after it
// (the figure to compare across runs on a noisy machine). Not a harness benchmark: a profiling aid.
import { parseArgs } from 'node:util';
import type { SourceRecord } from '@prefstream/events';
import { turnFeatureMaps } from '@prefstream/features';
import { createUserHasher, decodeBatch, EnrichmentStage, PartitionProcessor, pseudonymise, toRawEventRow } from '@prefstream/processing';
import { createSignalEngine } from '@prefstream/signals';
import { syntheticRecords } from './benchmarks/synthetic-records';

function main(): void {
  const { values } = parseArgs({ options: { conversations: { type: 'string', default: '30000' }, stages: { type: 'string' }, reps: { type: 'string', default: '5' }, slice: { type: 'string', default: '5000' } } });
  const records = syntheticRecords(Number(values.conversations));
  const sliceSize = Number(values.slice);
  const slices: SourceRecord[][] = [];
  for (let i = 0; i < records.length; i += sliceSize) slices.push(records.slice(i, i + sliceSize));
  const events = slices.map((s) => decodeBatch(s).accepted.map((a) => a.event));
  const hasher = createUserHasher('bench-key-0123456789');
  const tagsOf = (tokens: number) => (tokens >= 50 ? 1 : 0);

  const stages: Record<string, () => void> = {
    json: () => {
      const decoder = new TextDecoder();
      for (const s of slices) for (const r of s) JSON.parse(decoder.decode(r.value));
    },
    decode: () => {
      for (const s of slices) decodeBatch(s);
    },
    'decode+rawrows': () => {
      for (const s of slices) for (const a of decodeBatch(s).accepted) toRawEventRow(pseudonymise(a, hasher), 0);
    },
    'decode+rawrows+engine': () => {
      const engine = createSignalEngine();
      for (const s of slices) {
        const accepted = decodeBatch(s).accepted;
        for (const a of accepted) toRawEventRow(pseudonymise(a, hasher), 0);
        for (const a of accepted) engine.process(a.event);
      }
      engine.advanceWatermark(Number.MAX_SAFE_INTEGER);
    },
    'decode+rawrows+engine+features': () => {
      const engine = createSignalEngine();
      for (const s of slices) {
        const accepted = decodeBatch(s).accepted;
        for (const a of accepted) toRawEventRow(pseudonymise(a, hasher), 0);
        for (const { event } of accepted) {
          if (event.type === 'turn') engine.process(event, { tags: tagsOf(turnFeatureMaps(event.prompt, event.response).numeric.tokens) });
          else engine.process(event);
        }
      }
      engine.advanceWatermark(Number.MAX_SAFE_INTEGER);
    },
    processor: () => {
      const processor = new PartitionProcessor({ hashUser: createUserHasher('bench-key-0123456789') });
      for (const s of slices) processor.process(s, 0);
      processor.flush(0);
    },
    engine: () => {
      const engine = createSignalEngine();
      for (const list of events) for (const event of list) engine.process(event);
      engine.advanceWatermark(Number.MAX_SAFE_INTEGER);
    },
    features: () => {
      for (const list of events) for (const event of list) if (event.type === 'turn') turnFeatureMaps(event.prompt, event.response);
    },
    enrich: () => {
      const stage = new EnrichmentStage();
      for (const list of events) stage.apply(list, 0);
      stage.flush(0);
    },
  };
  const chosen = values.stages ? values.stages.split(',') : Object.keys(stages).filter((n) => n !== 'json');
  const unknown = chosen.filter((n) => !stages[n]);
  if (unknown.length) throw new Error(`unknown stage(s) ${unknown.join(', ')}; known: ${Object.keys(stages).join(', ')}`);

  const results: Record<string, { wall: number[]; cpu: number[]; ratio: number[] }> = {};
  const measure = (name: string): number => {
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    stages[name]();
    const wallUs = Number(process.hrtime.bigint() - t0) / 1e3;
    const cpu = process.cpuUsage(cpu0);
    results[name].wall.push(wallUs / records.length);
    results[name].cpu.push((cpu.user + cpu.system) / records.length);
    return wallUs;
  };
  for (const name of ['json', ...chosen]) {
    results[name] = { wall: [], cpu: [], ratio: [] };
    stages[name](); // warm-up
  }
  for (let rep = 0; rep < Number(values.reps); rep++) {
    for (const name of chosen) {
      const before = measure('json');
      const wall = measure(name);
      const after = measure('json');
      results[name].ratio.push(wall / ((before + after) / 2));
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const f = (x: number) => x.toFixed(2).padStart(7);
  console.log(`${records.length} events in slices of ${sliceSize}; us/event: wall min, median | cpu min, median | events/s (wall min) | x JSON.parse (median)`);
  for (const name of ['json', ...chosen]) {
    const r = results[name];
    const ratio = r.ratio.length ? `x${median(r.ratio).toFixed(2)}` : '';
    console.log(`${name.padEnd(32)}${f(Math.min(...r.wall))}${f(median(r.wall))} |${f(Math.min(...r.cpu))}${f(median(r.cpu))} | ${Math.round(1e6 / Math.min(...r.wall)).toLocaleString('en').padStart(9)} | ${ratio}`);
  }
}

if (require.main === module) main();
