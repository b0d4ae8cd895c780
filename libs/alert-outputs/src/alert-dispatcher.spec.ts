import { PrefstreamError } from '@prefstream/errors';
import type { Alert, AlertOutput } from '@prefstream/monitors';
import { sampleAlert, startWebhookTestReceiver } from '@prefstream/testing';
import { AlertDispatcher } from './alert-dispatcher';
import { createWebhookAlertOutput } from './webhook-output';

/** An in-memory output that records every batch; fails its first `failures` sends. */
function recordingOutput(name: string, failures = 0) {
  const batches: string[][] = [];
  let left = failures;
  let closed = 0;
  const output: AlertOutput = {
    name,
    async send(alerts) {
      if (left-- > 0) throw new PrefstreamError(`${name} is down`, { code: 'down', retriable: true });
      batches.push(alerts.map((a) => a.alert_id));
    },
    async close() {
      closed++;
    },
  };
  return { output, batches, closedCount: () => closed };
}
const ids = (alerts: readonly Alert[]) => alerts.map((a) => a.alert_id);
const a = Array.from({ length: 6 }, (_, i) => sampleAlert('dispatch', i));

describe('AlertDispatcher', () => {
  it('closes at once while a dispatch waits on a receiver that never answers (closing aborts its retries)', async () => {
    const receiver = await startWebhookTestReceiver({ respond: () => 'hang' });
    try {
      const dispatcher = new AlertDispatcher([createWebhookAlertOutput({ url: receiver.url, timeoutMs: 30_000, retries: 4 })]);
      const dispatched = dispatcher.dispatch(a.slice(0, 2));
      await receiver.waitForRequests(1);
      const started = Date.now();
      await dispatcher.close();
      expect(Date.now() - started).toBeLessThan(5000); // the request alone would hang for 30 s, retries for minutes
      expect((await dispatched)[0]).toMatchObject({ delivered: 0, pending: 2 });
    } finally {
      await receiver.close();
    }
  });

  it('keeps delivering to a working output (a real webhook) when another output throws', async () => {
    const receiver = await startWebhookTestReceiver();
    try {
      const thrower: AlertOutput = {
        name: 'broken',
        send: () => {
          throw new Error('synchronous bug');
        },
        close: async () => undefined,
      };
      const dispatcher = new AlertDispatcher([thrower, createWebhookAlertOutput({ url: receiver.url, retries: 0 })]);
      const results = await dispatcher.dispatch(a.slice(0, 3));
      expect(results).toEqual([
        { output: 'broken', delivered: 0, skipped: 0, pending: 3, error: expect.objectContaining({ message: 'synchronous bug' }) },
        { output: expect.stringMatching(/^webhook:127\.0\.0\.1:/), delivered: 3, skipped: 0, pending: 0 },
      ]);
      expect(receiver.alerts()).toEqual(a.slice(0, 3));
      await dispatcher.close();
    } finally {
      await receiver.close();
    }
  });

  it('sends what failed again on the next dispatch, and does not re-send what was delivered', async () => {
    const flaky = recordingOutput('flaky', 1);
    const healthy = recordingOutput('healthy');
    const dispatcher = new AlertDispatcher([flaky.output, healthy.output]);
    const first = await dispatcher.dispatch(a.slice(0, 2));
    expect(first.map((r) => [r.output, r.delivered, r.pending, r.error === undefined])).toEqual([['flaky', 0, 2, false], ['healthy', 2, 0, true]]);
    // The monitor re-raises the first two (same ids) along with a new one.
    const second = await dispatcher.dispatch(a.slice(0, 3));
    expect(second).toEqual([
      { output: 'flaky', delivered: 3, skipped: 0, pending: 0 },
      { output: 'healthy', delivered: 1, skipped: 2, pending: 0 },
    ]);
    expect(flaky.batches).toEqual([ids(a.slice(0, 3))]);
    expect(healthy.batches).toEqual([ids(a.slice(0, 2)), ids(a.slice(2, 3))]);
    // Nothing new: nothing sent; the held alerts went out with the second dispatch.
    expect(await dispatcher.dispatch(a.slice(0, 3))).toEqual([
      { output: 'flaky', delivered: 0, skipped: 3, pending: 0 },
      { output: 'healthy', delivered: 0, skipped: 3, pending: 0 },
    ]);
    expect(flaky.batches).toHaveLength(1);
    expect(healthy.batches).toHaveLength(2);
  });

  it('sends held alerts on the next dispatch even when that dispatch brings nothing new', async () => {
    const flaky = recordingOutput('flaky', 1);
    const dispatcher = new AlertDispatcher([flaky.output]);
    await dispatcher.dispatch(a.slice(0, 2));
    expect(await dispatcher.dispatch([])).toEqual([{ output: 'flaky', delivered: 2, skipped: 0, pending: 0 }]);
    expect(flaky.batches).toEqual([ids(a.slice(0, 2))]);
  });

  it('sends an alert once per batch, in its latest version', async () => {
    const out = recordingOutput('out');
    const sent: Alert[][] = [];
    const dispatcher = new AlertDispatcher([{ ...out.output, send: async (alerts) => void sent.push([...alerts]) }]);
    const updated = { ...a[0], message: 'updated' };
    await dispatcher.dispatch([a[0], a[1], updated]);
    expect(sent).toEqual([[a[1], updated]]);
  });

  it('remembers a bounded number of delivered ids, forgetting the oldest', async () => {
    const out = recordingOutput('out');
    const dispatcher = new AlertDispatcher([out.output], { rememberIds: 2 });
    await dispatcher.dispatch(a.slice(0, 3));
    await dispatcher.dispatch(a.slice(0, 3));
    expect(out.batches).toEqual([ids(a.slice(0, 3)), ids(a.slice(0, 1))]); // a0 was forgotten, a1 and a2 were not
  });

  it('holds at most maxPending undelivered alerts, dropping the oldest', async () => {
    const flaky = recordingOutput('flaky', 1);
    const logged: string[] = [];
    const dispatcher = new AlertDispatcher([flaky.output], { maxPending: 2, log: (_, m) => logged.push(m) });
    expect((await dispatcher.dispatch(a.slice(0, 5)))[0].pending).toBe(2);
    await dispatcher.dispatch([]);
    expect(flaky.batches).toEqual([ids(a.slice(3, 5))]);
    expect(logged).toEqual(expect.arrayContaining([expect.stringContaining('dropping the 3 oldest')]));
  });

  it('runs overlapping dispatches one after another, so an alert is not sent twice', async () => {
    const sent: string[][] = [];
    const slow: AlertOutput = {
      name: 'slow',
      send: async (alerts) => {
        await new Promise((r) => setTimeout(r, 50));
        sent.push(ids(alerts));
      },
      close: async () => undefined,
    };
    const dispatcher = new AlertDispatcher([slow]);
    await Promise.all([dispatcher.dispatch(a.slice(0, 2)), dispatcher.dispatch(a.slice(0, 3))]);
    expect(sent).toEqual([ids(a.slice(0, 2)), ids(a.slice(2, 3))]);
  });

  it('closes every output, even when one fails to close, and refuses dispatches afterwards', async () => {
    const first = recordingOutput('first');
    const second = recordingOutput('second');
    const failing: AlertOutput = { name: 'failing', send: async () => undefined, close: async () => Promise.reject(new Error('close failed')) };
    const dispatcher = new AlertDispatcher([first.output, failing, second.output]);
    expect(dispatcher.outputs).toEqual(['first', 'failing', 'second']);
    await expect(dispatcher.close()).rejects.toThrow(AggregateError);
    expect([first.closedCount(), second.closedCount()]).toEqual([1, 1]);
    await expect(dispatcher.dispatch(a)).rejects.toMatchObject({ code: 'OUTPUT_CLOSED', retriable: false });
    await dispatcher.close(); // a second close does nothing
    expect(first.closedCount()).toBe(1);
  });
});
