import { describeAlertOutputConformance, startWebhookTestReceiver } from '@prefstream/testing';
import { createWebhookAlertOutput } from './webhook-output';

const secret = 'conformance-secret-0123456789';

// A real HTTP receiver per case that checks signatures (401 otherwise) and dedupes on alert_id.
describeAlertOutputConformance('webhook (prefstream format, signed)', async () => {
  const receiver = await startWebhookTestReceiver({ secret });
  const output = createWebhookAlertOutput({ url: receiver.url, secret, retries: 0 });
  return {
    output,
    received: async () => receiver.alerts(),
    requests: async () => receiver.requests.length,
    teardown: async () => {
      await output.close();
      await receiver.close();
    },
  };
});
