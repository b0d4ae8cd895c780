// A consumer group member in its own process, so a test can kill -9 it (no LeaveGroup, no last commit).
// Built on prefstream's own Kafka adapter: appends "partition offset" for every message it processed to
// OUT_FILE, then acknowledges the batch, which commits the next offset.
//   node bin/run-ts.js libs/testing/src/group-consumer.child.ts BROKERS TOPIC GROUP OUT_FILE
import fs from 'node:fs';
import { mergeMap } from 'rxjs';
import { createBatchConsumer } from '@prefstream/kafka';

const [brokers, topic, groupId, outFile] = process.argv.slice(2);
const consumer = createBatchConsumer({
  connection: { brokers: [brokers], clientId: 'child' },
  topic,
  groupId,
  sessionTimeoutMs: 6000,
  heartbeatIntervalMs: 500,
  maxBytesPerPartition: 64 * 1024,
  maxWaitTimeMs: 100,
});
consumer.batches
  .pipe(
    mergeMap(async (batch) => {
      fs.appendFileSync(outFile, batch.records.map((r) => `${batch.partition} ${(r.position as { offset: string }).offset}\n`).join(''));
      // Slow down so the test can kill it mid-way.
      await new Promise((r) => setTimeout(r, 20));
      batch.ack({ commitOffset: String(BigInt(batch.lastOffset) + 1n) });
    }),
  )
  .subscribe({ error: (error) => console.error(error) });
