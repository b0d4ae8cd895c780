// A consumer group member in its own process, so a test can kill -9 it (no LeaveGroup, no last commit).
// Appends "partition offset" for every message it processed to OUT_FILE, then lets kafkajs commit.
//   node bin/run-ts.js libs/dev-broker/test/group-consumer.child.ts BROKERS TOPIC GROUP OUT_FILE
import fs from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';

const [brokers, topic, groupId, outFile] = process.argv.slice(2);
const kafka = new Kafka({ brokers: [brokers], clientId: 'child', logLevel: logLevel.NOTHING });
const consumer = kafka.consumer({ groupId, sessionTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 100, maxBytesPerPartition: 64 * 1024 });
(async () => {
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommitInterval: 100,
    eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary }) => {
      fs.appendFileSync(outFile, batch.messages.map((m) => `${batch.partition} ${m.offset}\n`).join(''));
      for (const m of batch.messages) resolveOffset(m.offset);
      await heartbeat();
      await commitOffsetsIfNecessary();
      // Slow down so the test can kill it mid-way.
      await new Promise((r) => setTimeout(r, 20));
    },
  });
  process.stdout.write('running\n');
})();
