import { createHmac } from 'node:crypto';
import { sampleAlert, startWebhookTestReceiver, type WebhookTestReceiver, type WebhookTestReceiverOptions } from '@prefstream/testing';
import { createWebhookAlertOutput, type WebhookAlertOutputOptions } from './webhook-output';
import { verifyWebhookSignature } from './webhook-signature';

const fast = { initialDelayMs: 5, maxDelayMs: 20 };
let receiver: WebhookTestReceiver | undefined;
const receive = async (options: WebhookTestReceiverOptions = {}) => (receiver = await startWebhookTestReceiver(options));
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});
const outputTo = (r: WebhookTestReceiver, over: Partial<WebhookAlertOutputOptions> = {}) => createWebhookAlertOutput({ url: r.url, ...fast, ...over });
const alerts = [sampleAlert('hook', 1), sampleAlert('hook', 2, { tenant: 'globex' })];

describe('createWebhookAlertOutput', () => {
  it('refuses a URL that is not http(s) at creation, without echoing it', () => {
    expect(() => createWebhookAlertOutput({ url: 'ftp://hooks.example.com/T000/secret-token' })).toThrow(expect.objectContaining({ code: 'INVALID_WEBHOOK_URL', retriable: false, message: expect.stringContaining('http or https') }));
    let error: Error | undefined;
    try {
      createWebhookAlertOutput({ url: 'hooks.example.com/secret-token' });
    } catch (e) {
      error = e as Error;
    }
    expect(error).toMatchObject({ code: 'INVALID_WEBHOOK_URL', retriable: false });
    expect(error?.message).not.toContain('secret-token');
    expect(() => createWebhookAlertOutput({ url: 'https://hooks.example.com/x', secret: '' })).toThrow(/secret is empty/);
  });

  it('names itself by host only (incoming-webhook paths are secrets)', () => {
    expect(createWebhookAlertOutput({ url: 'https://hooks.slack.com/services/T0/B0/token' }).name).toBe('webhook:hooks.slack.com');
  });

  it('POSTs one JSON body per send and makes no request for an empty one', async () => {
    const r = await receive();
    const output = outputTo(r, { headers: { Authorization: 'Bearer abc', 'content-type': 'text/plain', 'x-prefstream-signature': 'forged' } });
    await output.send([]);
    await output.send(alerts);
    expect(r.requests).toHaveLength(1);
    const [request] = r.requests;
    expect([request.method, request.path]).toEqual(['POST', '/hooks/alerts']);
    expect(request.headers['content-type']).toBe('application/json; charset=utf-8'); // ours win over the extra headers
    expect(request.headers.authorization).toBe('Bearer abc');
    expect(request.headers['x-prefstream-signature']).toBeUndefined();
    expect(JSON.parse(request.body.toString())).toEqual({ alerts });
  });

  it('retries a 503 and delivers the batch once', async () => {
    const r = await receive({ respond: (_, i) => (i === 0 ? { status: 503, body: 'warming up' } : undefined) });
    const retried: string[] = [];
    await outputTo(r, { log: (_, m) => retried.push(m) }).send(alerts);
    expect(r.requests).toHaveLength(2);
    expect(r.accepted()).toHaveLength(1);
    expect(r.alerts()).toEqual(alerts);
    expect(retried).toEqual([expect.stringMatching(/answered 503.*warming up.*retry 1\/4/)]);
  });

  it('does not retry a 400, and reports the status and the start of the body as not retriable', async () => {
    const body = `invalid_payload ${'x'.repeat(500)}`;
    const r = await receive({ respond: () => ({ status: 400, body }) });
    const error = await outputTo(r).send(alerts).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'WEBHOOK_REJECTED', retriable: false, status: 400 });
    const message = (error as Error).message;
    expect(message).toContain('400');
    expect(message).toContain(body.slice(0, 200));
    expect(message).not.toContain(body.slice(0, 201));
    expect(r.requests).toHaveLength(1);
  });

  it('keeps the URL\'s token out of the error when the receiver echoes the path back', async () => {
    const r = await receive({ respond: (request) => ({ status: 404, body: `Cannot POST ${request.path}` }) });
    const url = `${r.url}/services/T0SECRET/B0SECRET/tokentokentoken?key=querysecret`;
    const error = await createWebhookAlertOutput({ url, ...fast }).send(alerts).then(() => undefined, (e: Error) => e);
    expect(error).toMatchObject({ retriable: false, status: 404 });
    expect(error!.message).toContain('Cannot POST [redacted]');
    expect(error!.message).not.toMatch(/T0SECRET|tokentokentoken|querysecret/);
  });

  it('does not follow a redirect (the signed body would go elsewhere)', async () => {
    const elsewhere = await startWebhookTestReceiver();
    try {
      const r = await receive({ respond: () => ({ status: 307, headers: { Location: elsewhere.url } }) });
      await expect(outputTo(r, { retries: 0 }).send(alerts)).rejects.toBeDefined();
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('gives up after its retries with a retriable error', async () => {
    const r = await receive({ respond: () => ({ status: 502 }) });
    await expect(outputTo(r, { retries: 2 }).send(alerts)).rejects.toMatchObject({ code: 'WEBHOOK_UNAVAILABLE', retriable: true, status: 502 });
    expect(r.requests).toHaveLength(3);
  });

  it('times out a receiver that never answers, and retries', async () => {
    const r = await receive({ respond: (_, i) => (i === 0 ? 'hang' : undefined) });
    const started = Date.now();
    await outputTo(r, { timeoutMs: 300 }).send(alerts);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(r.requests).toHaveLength(2);
    expect(r.alerts()).toEqual(alerts);
  });

  it('reports a receiver that always hangs as a retriable timeout', async () => {
    const r = await receive({ respond: () => 'hang' });
    await expect(outputTo(r, { timeoutMs: 100, retries: 1 }).send(alerts)).rejects.toMatchObject({ code: 'WEBHOOK_TIMEOUT', retriable: true });
    expect(r.requests).toHaveLength(2);
  });

  it('reports an unreachable receiver as retriable', async () => {
    const r = await receive();
    const url = r.url;
    await r.close();
    receiver = undefined;
    await expect(createWebhookAlertOutput({ url, retries: 0 }).send(alerts)).rejects.toMatchObject({ code: 'WEBHOOK_UNREACHABLE', retriable: true });
  });

  it('waits as long as Retry-After asks (a 429), well beyond its own backoff', async () => {
    const r = await receive({ respond: (_, i) => (i === 0 ? { status: 429, headers: { 'Retry-After': '1' } } : undefined) });
    await outputTo(r).send(alerts);
    expect(r.requests).toHaveLength(2);
    expect(r.requests[1].receivedAt - r.requests[0].receivedAt).toBeGreaterThanOrEqual(950);
  });

  it('caps a Retry-After that asks for too long', async () => {
    const r = await receive({ respond: (_, i) => (i === 0 ? { status: 503, headers: { 'Retry-After': '3600' } } : undefined) });
    await outputTo(r, { maxRetryAfterMs: 200 }).send(alerts);
    const gap = r.requests[1].receivedAt - r.requests[0].receivedAt;
    expect(gap).toBeGreaterThanOrEqual(190);
    expect(gap).toBeLessThan(2000);
  });

  it('signs the exact bytes it sends, so the receiver can verify them with the secret', async () => {
    const secret = 'whsec-0123456789abcdef';
    const r = await receive({ secret }); // answers 401 to a bad signature
    const logged: string[] = [];
    const before = Date.now();
    await outputTo(r, { secret, log: (_, m) => logged.push(m) }).send(alerts);
    expect(r.accepted()).toHaveLength(1);
    const [request] = r.requests;
    const signature = request.headers['x-prefstream-signature'] as string;
    expect(signature).toBe(`sha256=${createHmac('sha256', secret).update(request.body).digest('hex')}`);
    expect(verifyWebhookSignature(secret, request.body, signature)).toBe(true);
    expect(verifyWebhookSignature('another-secret-0123', request.body, signature)).toBe(false);
    expect(verifyWebhookSignature(secret, Buffer.concat([request.body, Buffer.from(' ')]), signature)).toBe(false);
    const timestamp = Number(request.headers['x-prefstream-timestamp']);
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(Date.now());
    expect(logged.join('\n')).not.toContain(secret);
  });

  it('is refused by a receiver holding another secret, and never logs the secret', async () => {
    const secret = 'the-senders-secret-123';
    const r = await receive({ secret: 'the-receivers-secret' });
    const logged: string[] = [];
    const error = await outputTo(r, { secret, log: (_, m) => logged.push(m) }).send(alerts).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'WEBHOOK_REJECTED', status: 401 });
    expect([...logged, (error as Error).message].join('\n')).not.toContain(secret);
  });

  it('sends one line per alert in the slack format', async () => {
    const r = await receive();
    const slack = [
      sampleAlert('slack', 1, { severity: 'critical', monitor: 'unsafe-preference', tenant: 'acme', subject: 'global/vote/toxicity', message: 'votes prefer toxic answers' }),
      sampleAlert('slack', 2, { severity: 'warning', monitor: 'drift', tenant: '', subject: 'm1@v2/implicit_reward', message: 'reward fell <5%> & stayed\nlow' }),
    ];
    await outputTo(r, { format: 'slack' }).send(slack);
    expect(JSON.parse(r.requests[0].body.toString())).toEqual({
      text: '[critical] unsafe-preference acme global/vote/toxicity: votes prefer toxic answers\n[warning] drift m1@v2/implicit_reward: reward fell &lt;5%&gt; &amp; stayed low',
    });
  });

  it('stops retrying when closed, and refuses sends afterwards', async () => {
    const r = await receive({ respond: () => ({ status: 503 }) });
    const output = outputTo(r, { retries: 10, initialDelayMs: 60_000, maxDelayMs: 60_000 });
    const sending = output.send(alerts).catch((e: unknown) => e);
    await r.waitForRequests(1);
    const started = Date.now();
    await output.close();
    expect(await sending).toMatchObject({ retriable: false, code: 'OUTPUT_CLOSED' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(r.requests).toHaveLength(1);
    await expect(output.send(alerts)).rejects.toMatchObject({ code: 'OUTPUT_CLOSED' });
  });
});
