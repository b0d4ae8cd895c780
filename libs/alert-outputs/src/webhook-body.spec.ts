import { sampleAlert } from '@prefstream/testing';
import { SLACK_MAX_LINES, slackText, webhookBody } from './webhook-body';

describe('webhook bodies', () => {
  it('carries the alerts unchanged in the prefstream format', () => {
    const alerts = [sampleAlert('body', 1), sampleAlert('body', 2)];
    expect(JSON.parse(webhookBody(alerts, 'prefstream'))).toEqual({ alerts });
  });

  it('keeps a slack message to a readable number of lines', () => {
    const alerts = Array.from({ length: SLACK_MAX_LINES + 3 }, (_, i) => sampleAlert('many-lines', i));
    const lines = slackText(alerts).split('\n');
    expect(lines).toHaveLength(SLACK_MAX_LINES + 1);
    expect(lines[SLACK_MAX_LINES]).toBe('... and 3 more alerts');
    expect(slackText(alerts.slice(0, SLACK_MAX_LINES + 1)).split('\n').pop()).toBe('... and 1 more alert');
  });
});
