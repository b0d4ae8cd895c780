import crypto from 'node:crypto';
import fs from 'node:fs';
import type { SourceRecord } from '@prefstream/events';
import type { Store } from '@prefstream/clickhouse';
import { createUserHasher, PartitionProcessor, type ProcessorOutput } from '@prefstream/processing';
import { readArenaBattles, readHhRlhfPairs, readNdjsonFile } from '@prefstream/sources';
import { AnalysisRefresh } from '../analysis/refresh-analysis';
import { DEFAULT_LATENESS_MS } from '../analysis/vote-reader';
import { UsageError, type CliCommand } from '../command';
import { loadConfig, signalEngineConfigOf, type PipelineConfig } from '../config';
import { createProgressBar } from '../progress-bar';
import { SliceScorer } from '../scoring/slice-scorer';
import { openConfiguredStore, userHashKey } from '../store-from-config';

type SourceKind = 'ndjson' | 'arena' | 'hh-rlhf';

function parseSource(source: string | undefined): { kind: SourceKind; file: string } {
  const match = /^(ndjson|arena|hh-rlhf):(.+)$/.exec(source ?? '');
  if (!match) throw new UsageError(`--source must be ndjson:FILE, arena:FILE or hh-rlhf:FILE (got ${JSON.stringify(source ?? '')})`);
  if (!fs.existsSync(match[2])) throw new UsageError(`source file not found: ${match[2]}`);
  return { kind: match[1] as SourceKind, file: match[2] };
}

/** The file as batches of raw records: ndjson as it is, the dataset formats mapped to vote events. */
function readSource(source: { kind: SourceKind; file: string }, config: PipelineConfig, onProgress: (bytes: number) => void): AsyncGenerator<SourceRecord[]> {
  const batchSize = config.ingest.batchSize;
  if (source.kind === 'arena') return readArenaBattles(source.file, { batchSize });
  if (source.kind === 'hh-rlhf') return readHhRlhfPairs(source.file, { batchSize });
  return readNdjsonFile(source.file, { batchSize, maxLineBytes: config.ingest.maxEventBytes, onProgress });
}

async function insertOutput(store: Store, output: ProcessorOutput, tokenPrefix: string): Promise<void> {
  await Promise.all(Object.entries(output.tables).map(([table, rows]) => store.insert(table, rows, { dedupToken: `${tokenPrefix}/${table}` })));
}

/**
 * Replays a file through the same processor the Kafka path uses and writes the results. Each batch's
 * inserts carry a token derived from its content, so replaying the same file twice writes nothing twice.
 * At the end the processor is flushed (open sessions close, as at the end of any finite input), and the
 * ratings and effects are refreshed from the stored votes so their snapshots exist.
 */
export const replayCommand: CliCommand = {
  name: 'replay',
  summary: 'Replay a file of events (or an arena / hh-rlhf dataset as votes) through the pipeline into a store',
  usage: 'prefstream replay --source (ndjson|arena|hh-rlhf):FILE [--store DIR | --clickhouse-url URL] [--stream-models LIST|none] [--refresh-every N | --skip-analysis] [--json]',
  usesConfig: true,
  options: { source: { type: 'string' }, json: { type: 'boolean' }, 'skip-analysis': { type: 'boolean' }, 'refresh-every': { type: 'string' } },
  async run({ values, env, stdout, stderr }) {
    const source = parseSource(values.source as string | undefined);
    const refreshEvery = values['refresh-every'] === undefined ? 0 : Number(values['refresh-every']);
    if (!(Number.isInteger(refreshEvery) && refreshEvery >= 0)) throw new UsageError(`--refresh-every must be a number of batches >= 0 (got ${String(values['refresh-every'])})`);
    const config = loadConfig({ flags: values, env, file: values.config as string | undefined });
    const store = await openConfiguredStore(config);
    // The classifiers the stream runs (models.stream): their scores join the features, as in `run`.
    const scorer = await SliceScorer.open(config.models.stream).catch(async (error: unknown) => {
      await store.close();
      throw error;
    });
    const processor = new PartitionProcessor({ hashUser: createUserHasher(userHashKey(config)), maxEventBytes: config.ingest.maxEventBytes, signals: signalEngineConfigOf(config) });
    // Only the ndjson reader reports bytes; the dataset readers run without a bar.
    const progress = createProgressBar(stderr, source.kind === 'ndjson' ? fs.statSync(source.file).size : 0, 'replay');
    const summary = {
      source: values.source, read: 0, valid: 0, rejected: 0, rejectedByReason: {} as Record<string, number>,
      analysis: null as null | ReturnType<AnalysisRefresh['summary']>,
    };
    try {
      // Refreshing every N batches exercises the same incremental reads and warm refits a live pipeline would.
      const analysis = values['skip-analysis'] ? null : new AnalysisRefresh(store);
      let batches = 0;
      // A vote further behind the newest one than the readers' lateness horizon would be missed by their
      // incremental reads; then the final refresh starts over from all stored votes.
      let newestVote = -Infinity;
      let outOfOrder = false;
      let bytesRead = 0;
      const whole = crypto.createHash('sha256');
      for await (const batch of readSource(source, config, (n) => (bytesRead = n))) {
        const decoded = processor.decode(batch);
        const output = processor.processDecoded(decoded, Date.now(), await scorer.score(decoded.accepted.map((a) => a.event)));
        const digest = crypto.createHash('sha256');
        for (const record of batch) {
          digest.update(record.value).update('\n');
          whole.update(record.value).update('\n');
        }
        await insertOutput(store, output, `replay/${digest.digest('hex').slice(0, 32)}`);
        for (const vote of output.tables.votes) {
          if (vote.ts < newestVote - DEFAULT_LATENESS_MS) outOfOrder = true;
          newestVote = Math.max(newestVote, vote.ts);
        }
        summary.read += batch.length;
        summary.valid += output.counters.accepted;
        summary.rejected += output.counters.rejected;
        for (const [reason, n] of Object.entries(output.counters.rejectedByReason)) summary.rejectedByReason[reason] = (summary.rejectedByReason[reason] ?? 0) + n;
        progress.update(bytesRead, `${summary.read} events`);
        if (analysis && refreshEvery > 0 && ++batches % refreshEvery === 0) await analysis.refresh();
      }
      // The flush depends on the whole input, so its token does too.
      await insertOutput(store, processor.flush(Date.now()), `replay/${whole.digest('hex').slice(0, 32)}/flush`);
      progress.finish(`${summary.read} events`);
      if (analysis) {
        const final = outOfOrder && analysis.refreshes > 0 ? new AnalysisRefresh(store) : analysis;
        await final.refresh();
        summary.analysis = final.summary();
      }
    } finally {
      await scorer.close();
      await store.close();
    }
    if (values.json) stdout.write(JSON.stringify(summary) + '\n');
    else {
      stdout.write(`read ${summary.read}, valid ${summary.valid}, rejected ${summary.rejected}\n`);
      for (const [reason, n] of Object.entries(summary.rejectedByReason).sort((a, b) => b[1] - a[1])) stdout.write(`  rejected ${reason}: ${n}\n`);
      if (summary.analysis) stdout.write(`analysis: ${summary.analysis.votes} votes (${summary.analysis.votes_with_features} with response features), ${summary.analysis.refreshes} refreshes; ratings for ${summary.analysis.rating_scopes.length} scopes, ${summary.analysis.effect_tables} effect tables\n`);
    }
    return 0;
  },
};
