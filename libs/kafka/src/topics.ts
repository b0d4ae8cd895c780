import { createKafka, type KafkaConnection } from './connection';

/** Creates the topics that do not exist yet (existing ones are left as they are). */
export async function ensureTopics(connection: KafkaConnection, topics: { topic: string; partitions: number }[]): Promise<void> {
  const admin = createKafka(connection).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length) await admin.createTopics({ waitForLeaders: true, topics: missing.map((t) => ({ topic: t.topic, numPartitions: t.partitions })) });
  } finally {
    await admin.disconnect();
  }
}

/** High watermark per partition (the offset the next produced record will get). */
export async function fetchHighWatermarks(connection: KafkaConnection, topic: string): Promise<Map<number, string>> {
  const admin = createKafka(connection).admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, o.high]));
  } finally {
    await admin.disconnect();
  }
}
