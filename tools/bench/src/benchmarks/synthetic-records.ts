import type { SourceRecord } from '@prefstream/events';
import { generateSyntheticTraffic } from '@prefstream/sources';

/** Synthetic events encoded as raw records, as a consumer would receive them. */
export function syntheticRecords(conversations: number, seed = 1): SourceRecord[] {
  const encoder = new TextEncoder();
  let offset = 0;
  return [...generateSyntheticTraffic({ conversations, seed })].map((event) => ({
    value: encoder.encode(JSON.stringify(event)),
    key: event.conversation_id,
    position: { kind: 'kafka', topic: 'bench', partition: 0, offset: String(offset++) },
  }));
}
