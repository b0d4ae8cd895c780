import crypto from 'node:crypto';
import fs from 'node:fs';
import { createUserHasher, PartitionProcessor } from '@prefstream/processing';
import { readNdjsonFile } from '@prefstream/sources';
import { UsageError, type CliCommand } from '../command';
import { loadConfig } from '../config';
import { createProgressBar } from '../progress-bar';
import { openConfiguredStore, userHashKey } from '../store-from-config';

function parseSource(source: string | undefined): { kind: 'ndjson'; file: string } {
  const match = /^(ndjson):(.+)$/.exec(source ?? '');
  if (!match) throw new UsageError(`--source must be ndjson:FILE (got ${JSON.stringify(source ?? '')})`);
  if (!fs.existsSync(match[2])) throw new UsageError(`source file not found: ${match[2]}`);
  return { kind: 'ndjson', file: match[2] };
}

/**
 * Replays a file through the same processor the Kafka path uses and writes the results. Each batch's
 * inserts carry a token derived from its content, so replaying the same file twice writes nothing twice.
 */
export const replayCommand: CliCommand = {
  name: 'replay',
  summary: 'Replay a file of events through the pipeline into a store',
  usage: 'prefstream replay --source ndjson:FILE [--store DIR | --clickhouse-url URL] [--json]',
  usesConfig: true,
  options: { source: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, env, stdout, stderr }) {
    const source = parseSource(values.source as string | undefined);
    const config = loadConfig({ flags: values, env, file: values.config as string | undefined });
    const store = await openConfiguredStore(config);
    const processor = new PartitionProcessor({ hashUser: createUserHasher(userHashKey(config)), maxEventBytes: config.ingest.maxEventBytes });
    const total = fs.statSync(source.file).size;
    const progress = createProgressBar(stderr, total, 'replay');
    const summary = { source: values.source, read: 0, valid: 0, rejected: 0, rejectedByReason: {} as Record<string, number> };
    try {
      let bytesRead = 0;
      for await (const batch of readNdjsonFile(source.file, { batchSize: config.ingest.batchSize, maxLineBytes: config.ingest.maxEventBytes, onProgress: (n) => (bytesRead = n) })) {
        const output = processor.process(batch, Date.now());
        const digest = crypto.createHash('sha256');
        for (const record of batch) digest.update(record.value).update('\n');
        const batchId = digest.digest('hex').slice(0, 32);
        await Promise.all(Object.entries(output.tables).map(([table, rows]) => store.insert(table, rows, { dedupToken: `replay/${batchId}/${table}` })));
        summary.read += batch.length;
        summary.valid += output.counters.accepted;
        summary.rejected += output.counters.rejected;
        for (const [reason, n] of Object.entries(output.counters.rejectedByReason)) summary.rejectedByReason[reason] = (summary.rejectedByReason[reason] ?? 0) + n;
        progress.update(bytesRead, `${summary.read} events`);
      }
      progress.finish(`${summary.read} events`);
    } finally {
      await store.close();
    }
    if (values.json) stdout.write(JSON.stringify(summary) + '\n');
    else {
      stdout.write(`read ${summary.read}, valid ${summary.valid}, rejected ${summary.rejected}\n`);
      for (const [reason, n] of Object.entries(summary.rejectedByReason).sort((a, b) => b[1] - a[1])) stdout.write(`  rejected ${reason}: ${n}\n`);
    }
    return 0;
  },
};
