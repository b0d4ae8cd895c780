import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, renderConfigReference, SETTINGS, signalEngineConfigOf } from './index';

const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('loadConfig', () => {
  it('fills defaults when nothing is given', () => {
    const config = loadConfig({});
    expect(config.kafka.topic).toBe('prefstream.events');
    expect(config.ingest.batchSize).toBe(5000);
    expect(config.store.dataDir).toBeUndefined();
  });

  it('takes flags over environment over file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-')), 'c.json');
    fs.writeFileSync(file, JSON.stringify({ kafka: { topic: 'from-file', group: 'g-file' }, ingest: { batchSize: 7 } }));
    const config = loadConfig({ file, env: { PREFSTREAM_KAFKA_TOPIC: 'from-env', PREFSTREAM_KAFKA_BROKERS: 'a:9092, b:9093' }, flags: { topic: 'from-flag' } });
    expect(config.kafka.topic).toBe('from-flag');
    expect(config.kafka.group).toBe('g-file');
    expect(config.kafka.brokers).toEqual(['a:9092', 'b:9093']);
    expect(config.ingest.batchSize).toBe(7);
  });

  it('reports every problem at once, each saying where to fix it', () => {
    const problems = problemsOf(() => loadConfig({ flags: { brokers: 'localhost', 'batch-size': '0' }, env: { CLICKHOUSE_URL: 'not a url' } }));
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/kafka\.brokers: expected host:port .*set --brokers or PREFSTREAM_KAFKA_BROKERS/);
    expect(problems.join('\n')).toMatch(/ingest\.batchSize: .*set --batch-size/);
    expect(problems.join('\n')).toMatch(/store\.url: .*CLICKHOUSE_URL/);
  });

  it('refuses secrets in a config file and demands a hash key for a remote store', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-')), 'c.json');
    fs.writeFileSync(file, JSON.stringify({ store: { password: 'hunter2' } }));
    expect(problemsOf(() => loadConfig({ file }))).toEqual([expect.stringMatching(/store\.password is a secret: set it with CLICKHOUSE_PASSWORD/)]);
    expect(problemsOf(() => loadConfig({ flags: { 'clickhouse-url': 'http://ch:8123' } }))).toEqual([expect.stringMatching(/PREFSTREAM_USER_HASH_KEY/)]);
    expect(problemsOf(() => loadConfig({ flags: { 'clickhouse-url': 'http://ch:8123', store: '/tmp/x' }, env: { PREFSTREAM_USER_HASH_KEY: 'k'.repeat(16) } }))).toEqual([expect.stringMatching(/not both/)]);
  });

  it('never echoes a secret, not even a wrong one, and checks the alert outputs', () => {
    const leaked = 'https://hooks.example/T0KEN-that-is-secret';
    const problems = problemsOf(() => loadConfig({ env: { PREFSTREAM_USER_HASH_KEY: 'short-key', PREFSTREAM_ALERT_WEBHOOK_URL: `ftp${leaked.slice(5)}` } }));
    expect(problems).toEqual([expect.stringMatching(/alerts\.webhookUrl: expected an http\(s\) URL \(got a value of \d+ characters; set PREFSTREAM_ALERT_WEBHOOK_URL\)/), expect.stringMatching(/privacy\.userHashKey: use at least 16 characters \(got a value of 9 characters/)]);
    expect(problems.join('\n')).not.toMatch(/short-key|T0KEN/);
    expect(problemsOf(() => loadConfig({ env: { PREFSTREAM_ALERT_WEBHOOK_SECRET: 's'.repeat(20) } }))).toEqual([expect.stringMatching(/webhookSecret is set but PREFSTREAM_ALERT_WEBHOOK_URL is not/)]);
    const config = loadConfig({ env: { PREFSTREAM_ALERT_WEBHOOK_URL: leaked }, flags: { 'alerts-topic': 'prefstream.alerts' } });
    expect(config.alerts).toEqual({ webhookUrl: leaked, webhookFormat: 'prefstream', kafkaTopic: 'prefstream.alerts', notifySeverity: 'warning' });
    expect(config.analysis.everyMs).toBe(60_000);
    expect(config.monitors).toEqual({ lookbackMs: 86_400_000, baselineMinutes: 180, minCount: 20, maxSubjects: 100_000, cusumThreshold: 12 });
  });

  it('reads signal settings and reward weights, naming unknown kinds and inconsistent gaps', () => {
    const config = loadConfig({ env: { PREFSTREAM_REWARD_WEIGHTS: '{"copy":0.9,"abandon":0}' }, flags: { 'abandon-gap-ms': '60000' } });
    const engine = signalEngineConfigOf(config);
    expect(engine.reward).toMatchObject({ mode: 'hand', prior: 0.5, weights: { copy: 0.9, abandon: 0, regenerate: 1 } });
    expect(engine).toMatchObject({ abandonGapMs: 60_000, sessionGapMs: 1_800_000, allowedLatenessMs: 120_000 });
    expect(problemsOf(() => loadConfig({ env: { PREFSTREAM_REWARD_WEIGHTS: '{"copyy":1}' } }))).toEqual([expect.stringMatching(/signals\.rewardWeights: unknown signal kind copyy; known: regenerate, .*PREFSTREAM_REWARD_WEIGHTS/)]);
    expect(problemsOf(() => loadConfig({ env: { PREFSTREAM_REWARD_WEIGHTS: 'not json' } }))[0]).toMatch(/signals\.rewardWeights: .*expected record/i);
    expect(problemsOf(() => loadConfig({ flags: { 'abandon-gap-ms': '3600000', 'session-gap-ms': '600000' } }))).toEqual([expect.stringMatching(/abandonGapMs \(3600000\) must not exceed signals\.sessionGapMs/)]);
  });

  it('runs every stream model by default, none on request, and names unknown ones', () => {
    expect(loadConfig({}).models.stream).toEqual(['refusal', 'toxicity', 'harmful-request']);
    expect(loadConfig({ env: { PREFSTREAM_STREAM_MODELS: 'none' } }).models.stream).toEqual([]);
    expect(loadConfig({ flags: { 'stream-models': 'toxicity' } }).models.stream).toEqual(['toxicity']);
    expect(problemsOf(() => loadConfig({ flags: { 'stream-models': 'toxicity,sarcasm' } }))[0]).toMatch(/models\.stream: expected model names from refusal, toxicity, harmful-request \(or none\)/);
  });

  it('explains an unreadable or malformed config file', () => {
    expect(problemsOf(() => loadConfig({ file: '/nonexistent/prefstream.json' }))[0]).toMatch(/config file \/nonexistent\/prefstream.json: ENOENT/);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-')), 'c.json');
    fs.writeFileSync(file, '{ nope');
    expect(problemsOf(() => loadConfig({ file }))[0]).toMatch(/is not valid JSON/);
  });

  it('documents every setting in the README configuration reference', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(renderConfigReference());
    expect(SETTINGS.filter((s) => s.secret).every((s) => !renderConfigReference().includes(`--${s.flag ?? '\u0000'}`))).toBe(true);
  });
});
