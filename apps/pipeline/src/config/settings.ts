import { SIGNAL_KIND_NAMES } from '@prefstream/signals';
import { z } from 'zod';

/**
 * Every setting once: its place in the config object, its flag, its environment variable, its type and
 * default. The zod schema, the flag parser, the error messages and the README's configuration reference
 * are all derived from this list, so they cannot drift apart.
 */
export interface Setting {
  path: string;
  flag?: string;
  env?: string;
  schema: z.ZodType;
  description: string;
  /** Secrets are accepted only from the environment (never a flag or a file), and never printed. */
  secret?: boolean;
}

const hostPort = z.string().regex(/^[^:\s,]+:\d{1,5}$/, 'expected host:port');
const list = (item: z.ZodType) => z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), z.array(item).min(1));
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
/**
 * A JSON object from signal kind to number (also given as a JSON string in an environment variable),
 * naming the kinds it does not know. `extraKeys` are accepted besides the signal kinds.
 */
const signalMap = (value: z.ZodType<number>, extraKeys: readonly string[] = []) => {
  const known = [...extraKeys, ...SIGNAL_KIND_NAMES];
  return z.preprocess(
    (v) => {
      if (typeof v !== 'string') return v;
      try {
        return JSON.parse(v);
      } catch {
        return v; // reported by the record schema below as "expected record"
      }
    },
    z.record(z.string(), value).superRefine((map, ctx) => {
      const unknown = Object.keys(map).filter((k) => !known.includes(k));
      if (unknown.length) ctx.addIssue({ code: 'custom', message: `unknown signal kind ${unknown.join(', ')}; known: ${known.join(', ')}` });
    }),
  );
};
const rewardWeights = signalMap(z.number().min(0, 'weights must be >= 0'));
const rewardCoefficients = signalMap(z.number().refine(Number.isFinite, 'coefficients must be finite'), ['(intercept)']);
const STREAM_MODEL_NAMES = ['refusal', 'toxicity', 'harmful-request'] as const;
const modelList = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === 'none' ? [] : v.split(',').map((s) => s.trim()).filter(Boolean)) : v),
  z.array(z.enum(STREAM_MODEL_NAMES, { message: `expected model names from ${STREAM_MODEL_NAMES.join(', ')} (or none)` })),
);
const bool = z.preprocess((v) => (v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v), z.boolean());

export const SETTINGS: readonly Setting[] = [
  { path: 'store.dataDir', flag: 'store', env: 'PREFSTREAM_STORE', schema: z.string().min(1).optional(), description: 'Embedded ClickHouse (chdb) data directory. The local default: `.prefstream/store`.' },
  { path: 'store.url', flag: 'clickhouse-url', env: 'CLICKHOUSE_URL', schema: z.url().optional(), description: 'ClickHouse HTTP(S) URL; when set, the remote driver is used instead of the embedded store.' },
  { path: 'store.user', env: 'CLICKHOUSE_USER', schema: z.string().default('default'), description: 'ClickHouse user (remote driver).' },
  { path: 'store.password', env: 'CLICKHOUSE_PASSWORD', schema: z.string().default(''), description: 'ClickHouse password (remote driver).', secret: true },
  { path: 'store.database', flag: 'clickhouse-database', env: 'CLICKHOUSE_DATABASE', schema: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a database name (letters, digits, _)').default('prefstream'), description: 'ClickHouse database.' },
  { path: 'kafka.brokers', flag: 'brokers', env: 'PREFSTREAM_KAFKA_BROKERS', schema: list(hostPort).optional(), description: 'Kafka bootstrap brokers, comma-separated `host:port`.' },
  { path: 'kafka.topic', flag: 'topic', env: 'PREFSTREAM_KAFKA_TOPIC', schema: z.string().min(1).default('prefstream.events'), description: 'Topic with chat and feedback events (key = conversation_id).' },
  { path: 'kafka.group', flag: 'group', env: 'PREFSTREAM_KAFKA_GROUP', schema: z.string().min(1).default('prefstream'), description: 'Consumer group; processes with the same group share the partitions.' },
  { path: 'kafka.clientId', env: 'PREFSTREAM_KAFKA_CLIENT_ID', schema: z.string().min(1).default('prefstream'), description: 'Kafka client id.' },
  { path: 'kafka.sessionTimeoutMs', flag: 'session-timeout-ms', env: 'PREFSTREAM_KAFKA_SESSION_TIMEOUT_MS', schema: int(1000, 300000).default(10000), description: 'Consumer-group session timeout: how soon the partitions of a crashed worker move to the others.' },
  { path: 'kafka.deadLetterTopic', flag: 'dlq-topic', env: 'PREFSTREAM_KAFKA_DLQ_TOPIC', schema: z.string().min(1).default('prefstream.dead-letter'), description: 'Where rejected messages go, with the reason in headers.' },
  { path: 'kafka.ssl', env: 'PREFSTREAM_KAFKA_SSL', schema: bool.default(false), description: 'Use TLS to the brokers.' },
  { path: 'kafka.saslMechanism', env: 'PREFSTREAM_KAFKA_SASL_MECHANISM', schema: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(), description: 'SASL mechanism, if the brokers require one.' },
  { path: 'kafka.saslUsername', env: 'PREFSTREAM_KAFKA_SASL_USERNAME', schema: z.string().optional(), description: 'SASL user name.' },
  { path: 'kafka.saslPassword', env: 'PREFSTREAM_KAFKA_SASL_PASSWORD', schema: z.string().optional(), description: 'SASL password.', secret: true },
  { path: 'ingest.maxEventBytes', flag: 'max-event-bytes', env: 'PREFSTREAM_MAX_EVENT_BYTES', schema: int(1024, 16 * 1024 * 1024).default(1_048_576), description: 'Largest accepted event; larger ones are rejected as `oversize`.' },
  { path: 'ingest.snapshotEveryMs', flag: 'snapshot-every-ms', env: 'PREFSTREAM_SNAPSHOT_EVERY_MS', schema: int(100, 3_600_000).default(30_000), description: 'Snapshot each partition\'s operator state (and commit its offset) at least this often. A snapshot holds every open conversation (about 2 KB each), so it costs in proportion to the state, not the traffic; a restart replays at most this much from the range log.' },
  { path: 'ingest.snapshotEverySlices', flag: 'snapshot-every-slices', env: 'PREFSTREAM_SNAPSHOT_EVERY_SLICES', schema: int(1, 1_000_000).default(100), description: 'Also snapshot after this many slices of a partition, whichever comes first. Replaying after a crash relies on ClickHouse remembering the dedup tokens of every block since the last snapshot (10,000 blocks per table), so this times the number of Kafka partitions must stay below that.' },
  { path: 'ingest.batchSize', flag: 'batch-size', env: 'PREFSTREAM_BATCH_SIZE', schema: int(1, 1_000_000).default(5000), description: 'Records per processing batch (and per ClickHouse insert, at most).' },
  { path: 'signals.allowedLatenessMs', flag: 'allowed-lateness-ms', env: 'PREFSTREAM_ALLOWED_LATENESS_MS', schema: int(0, 24 * 3_600_000).default(120_000), description: 'Out-of-orderness allowed in event time: an event more than this behind the highest event time seen on its partition is late (stored in `late_events`, not applied to signals).' },
  { path: 'signals.sessionGapMs', flag: 'session-gap-ms', env: 'PREFSTREAM_SESSION_GAP_MS', schema: int(60_000, 7 * 24 * 3_600_000).default(1_800_000), description: 'A conversation with no event for this long (event time) is closed: its responses get their final row and its state is freed.' },
  { path: 'signals.abandonGapMs', flag: 'abandon-gap-ms', env: 'PREFSTREAM_ABANDON_GAP_MS', schema: int(1000, 7 * 24 * 3_600_000).default(300_000), description: 'No user activity for this long after a response marks it abandoned (weak negative evidence). Must not exceed the session gap.' },
  { path: 'signals.rewardWeights', env: 'PREFSTREAM_REWARD_WEIGHTS', schema: rewardWeights.optional(), description: 'Hand weights of the implicit reward by signal kind, as a JSON object (e.g. `{"copy":0.8}`); kinds left out keep their defaults (see "Signals and implicit reward").' },
  { path: 'signals.rewardCoefficients', env: 'PREFSTREAM_REWARD_COEFFICIENTS', schema: rewardCoefficients.optional(), description: 'Switches the implicit reward to calibrated mode: reward = tanh((b . x) / 2) with these coefficients by signal kind, as a JSON object (what `prefstream calibration` prints, fitted against thumbs). Overrides the hand weights.' },
  { path: 'signals.rewardPrior', flag: 'reward-prior', env: 'PREFSTREAM_REWARD_PRIOR', schema: z.coerce.number().min(0).max(100).default(0.5), description: 'Shrinkage of the implicit reward toward 0: reward = sum(polarity x weight x strength) / (prior + sum(weight x strength)).' },
  { path: 'models.stream', flag: 'stream-models', env: 'PREFSTREAM_STREAM_MODELS', schema: modelList.default(['refusal', 'toxicity', 'harmful-request']), description: 'ONNX classifiers run on every turn in the stream (worker threads, batched): comma-separated names from `refusal`, `toxicity`, `harmful-request`, or `none`. Their scores join the features and condition the reward aggregates.' },
  { path: 'analysis.everyMs', flag: 'analysis-every-ms', env: 'PREFSTREAM_ANALYSIS_EVERY_MS', schema: int(0, 86_400_000).default(60_000), description: 'How often `run` refreshes the ratings and effects from the stored votes and runs the monitors over the closed minutes (0: off). With several `run` processes on one store, leave it on in one of them (or run `prefstream monitor` once, beside them).' },
  { path: 'monitors.lookbackMs', flag: 'monitor-lookback-ms', env: 'PREFSTREAM_MONITOR_LOOKBACK_MS', schema: int(0, 30 * 86_400_000).default(86_400_000), description: 'On start, the monitors re-read this much of the minute aggregates (event time) and snapshots (wall-clock time) to rebuild their baselines; what they raise about minutes or snapshots an earlier process already judged is dropped, and alerts already stored are not sent again.' },
  { path: 'monitors.baselineMinutes', flag: 'monitor-baseline-minutes', env: 'PREFSTREAM_MONITOR_BASELINE_MINUTES', schema: int(5, 10_080).default(180), description: 'Minutes (each with at least `monitors.minCount` observations: responses, final responses or thumbs, by metric) a drift detector learns its in-control level from, at start and after each alarm. Shorter baselines estimate the level worse and alarm more often.' },
  { path: 'monitors.minCount', flag: 'monitor-min-count', env: 'PREFSTREAM_MONITOR_MIN_COUNT', schema: int(1, 1_000_000).default(20), description: 'Observations (responses, final responses or thumbs, by metric) a minute of one model version needs before a drift detector uses it.' },
  { path: 'monitors.maxSubjects', flag: 'monitor-max-subjects', env: 'PREFSTREAM_MONITOR_MAX_SUBJECTS', schema: int(100, 10_000_000).default(100_000), description: 'Detectors kept per monitor (one per tenant, model version and metric, about 1 KB each). Beyond it the least recently seen are forgotten and logged; a store with more model versions needs more.' },
  { path: 'monitors.outcomeSettleMs', flag: 'monitor-outcome-settle-ms', env: 'PREFSTREAM_MONITOR_OUTCOME_SETTLE_MS', schema: int(0, 7 * 86_400_000).optional(), description: 'How far behind the newest minute reward, thumbs and signal rates are judged. A turn\'s outcome counts in its minute once its conversation closes, which is the session gap after the conversation\'s last event. Default: session gap + allowed lateness + 30 minutes (conversations up to 30 minutes long are complete when judged).' },
  { path: 'monitors.cusumThreshold', flag: 'monitor-threshold', env: 'PREFSTREAM_MONITOR_THRESHOLD', schema: z.coerce.number().min(1).max(100).default(12), description: 'CUSUM decision threshold h (allowance k = 0.5). Simulated with 3-hour baselines on overdispersed minutes (`npx tsx tools/bench/src/monitor-calibration.ts`): 12 gives 0.09 false alarms per detector per week and finds a reward drop of 0.1 in a median 17 minutes; 8 gives 1.65 a week and 11 minutes; 16 gives 0.005 and 23.' },
  { path: 'alerts.webhookUrl', env: 'PREFSTREAM_ALERT_WEBHOOK_URL', schema: z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' }).optional(), description: 'POST alerts here as JSON (`{"alerts":[...]}`, or Slack\'s `{"text"}` with the slack format). Off when unset.', secret: true },
  { path: 'alerts.webhookSecret', env: 'PREFSTREAM_ALERT_WEBHOOK_SECRET', schema: z.string().min(16, 'use at least 16 characters').optional(), description: 'Signs each webhook body: `X-Prefstream-Signature: sha256=HMAC(secret, body)`.', secret: true },
  { path: 'alerts.webhookFormat', flag: 'alert-webhook-format', env: 'PREFSTREAM_ALERT_WEBHOOK_FORMAT', schema: z.enum(['prefstream', 'slack']).default('prefstream'), description: 'Body of the webhook: `prefstream` (the alerts as JSON) or `slack` (an incoming-webhook `text`).' },
  { path: 'alerts.kafkaTopic', flag: 'alerts-topic', env: 'PREFSTREAM_ALERTS_TOPIC', schema: z.string().min(1).optional(), description: 'Also produce alerts to this Kafka topic (key = alert_id, value = the alert as JSON). Off when unset.' },
  { path: 'alerts.notifySeverity', flag: 'alert-severity', env: 'PREFSTREAM_ALERT_SEVERITY', schema: z.enum(['info', 'warning', 'critical']).default('warning'), description: 'Least severity sent to the webhook and the Kafka topic; the `alerts` table and the dashboard get every alert.' },
  { path: 'privacy.userHashKey', env: 'PREFSTREAM_USER_HASH_KEY', schema: z.string().min(16, 'use at least 16 characters').optional(), description: 'Key of the HMAC that pseudonymises user ids before storage. Required with a remote store; the embedded store creates one in its data directory.', secret: true },
  { path: 'metrics.port', flag: 'metrics-port', env: 'PREFSTREAM_METRICS_PORT', schema: int(0, 65535).optional(), description: 'Port of the Prometheus `/metrics` endpoint (off when unset).' },
  { path: 'log.level', flag: 'log-level', env: 'PREFSTREAM_LOG_LEVEL', schema: z.enum(['debug', 'info', 'warn', 'error']).default('info'), description: 'Log level.' },
];
