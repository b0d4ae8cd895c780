import { alertId, type Alert, type AlertOutput, type AlertSeverity } from '@prefstream/monitors';

/** One output under test, wired to the real system that receives what it sends. */
export interface AlertOutputUnderTest {
  output: AlertOutput;
  /**
   * Everything the receiving system holds, read back through that system (what an HTTP server was
   * sent, what a consumer reads from the topic, what the table returns). Duplicates are allowed: the
   * suite checks that copies of one alert_id are identical, and judges the distinct alerts.
   */
  received(): Promise<Alert[]>;
  /** Requests the receiver saw, where it can count them (an HTTP server can; a topic cannot). */
  requests?(): Promise<number>;
  /** Closes the output and whatever setup started. */
  teardown(): Promise<void>;
}

const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);
const MINUTE = 60_000;
const SEVERITIES: readonly AlertSeverity[] = ['info', 'warning', 'critical'];

/**
 * A valid alert. `scope` goes into the subject, so each case has its own alert ids: outputs that
 * deduplicate by batch (ClickHouse's insert tokens) do not mistake one case's batch for another's.
 */
export function sampleAlert(scope: string, i: number, over: Partial<Alert> = {}): Alert {
  const tenant = over.tenant ?? 'acme';
  const monitor = over.monitor ?? 'drift';
  const subject = over.subject ?? `${tenant || 'global'}/m1@v2/${scope}-${i}`;
  // Odd milliseconds on purpose: an output that rounds to seconds fails the round trip.
  const raisedAt = over.raised_at ?? T0 + i * MINUTE + 123;
  return {
    alert_id: alertId(tenant, monitor, subject, raisedAt),
    raised_at: raisedAt,
    tenant,
    severity: SEVERITIES[i % SEVERITIES.length],
    monitor,
    subject,
    message: `implicit reward dropped ${i}`,
    details: { statistic: 4.5 + i, threshold: 4, n: 100 + i },
    ...over,
  };
}

/** The distinct alerts by id; fails if two copies of one id differ (a receiver deduping on id would lose one). */
export function distinctAlerts(received: readonly Alert[]): Map<string, Alert> {
  const byId = new Map<string, Alert>();
  for (const alert of received) {
    const seen = byId.get(alert.alert_id);
    if (seen) expect(alert).toEqual(seen);
    else byId.set(alert.alert_id, alert);
  }
  return byId;
}

const byId = (alerts: readonly Alert[]) => new Map(alerts.map((a) => [a.alert_id, a]));
const sorted = (alerts: Iterable<Alert>) => [...alerts].sort((a, b) => a.alert_id.localeCompare(b.alert_id));

/**
 * The behaviour every alert output must have, run against each one through its real receiver (an HTTP
 * server, a Kafka topic, the alerts table). `setup` is called once per case and must start from an
 * empty receiver.
 */
export function describeAlertOutputConformance(name: string, setup: () => Promise<AlertOutputUnderTest>, options: { timeout?: number } = {}): void {
  const timeout = options.timeout ?? 60_000;
  const withOutput = (run: (under: AlertOutputUnderTest) => Promise<void>) => async () => {
    const under = await setup();
    try {
      await run(under);
    } finally {
      await under.teardown();
    }
  };

  describe(`alert output conformance: ${name}`, () => {
    it(
      'delivers nothing for an empty send',
      withOutput(async ({ output, received, requests }) => {
        await output.send([]);
        expect(await received()).toEqual([]);
        if (requests) expect(await requests()).toBe(0);
      }),
      timeout,
    );

    it(
      'round-trips every field of one alert exactly',
      withOutput(async ({ output, received }) => {
        const alert = sampleAlert('single', 7, {
          tenant: 'acme-ünïcode',
          raised_at: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
          severity: 'critical',
          monitor: 'unsafe-preference',
          subject: 'global/vote/toxicity',
          message: `Votes prefer "toxic" answers — it's 0.42 > 0.3; 拒绝 🚨 \\ back\\slash, tab\tand 'quotes'`,
          details: {
            coef: 0.4200000000000001,
            ci: [-1.5e-7, 12345678901234],
            counts: { won: 12, lost: 0 },
            flags: [true, false, null],
            nested: { deeper: { text: 'ünï "q" <tag> &amp;', empty: '', list: [] } },
          },
        });
        await output.send([alert]);
        expect(await received()).toEqual([alert]);
      }),
      timeout,
    );

    it(
      'delivers every alert of many sends',
      withOutput(async ({ output, received }) => {
        const alerts = Array.from({ length: 300 }, (_, i) => sampleAlert('many', i, { tenant: ['acme', 'globex', 'initech'][i % 3] }));
        let from = 0;
        for (const size of [1, 9, 40, 100, 150]) {
          await output.send(alerts.slice(from, from + size));
          from += size;
        }
        expect(from).toBe(alerts.length);
        const got = distinctAlerts(await received());
        expect(got.size).toBe(alerts.length);
        expect(sorted(got.values())).toEqual(sorted(alerts));
      }),
      timeout,
    );

    it(
      'keeps one copy per alert_id when alerts are sent again (at least once, deduplicated on id)',
      withOutput(async ({ output, received }) => {
        const first = Array.from({ length: 10 }, (_, i) => sampleAlert('resend', i));
        await output.send(first);
        const before = distinctAlerts(await received());
        expect(sorted(before.values())).toEqual(sorted(first));

        const later = Array.from({ length: 5 }, (_, i) => sampleAlert('resend', 10 + i));
        await output.send(first); // a retry after a lost acknowledgement
        await output.send([...first.slice(5), ...later]); // a restarted monitor re-raising, plus new ones
        await output.send([...first].reverse()); // the same batch in another order
        const after = distinctAlerts(await received());
        expect(after.size).toBe(first.length + later.length);
        expect(sorted(after.values())).toEqual(sorted([...first, ...later]));
      }),
      timeout,
    );

    it(
      'keeps alerts of different tenants and severities apart',
      withOutput(async ({ output, received }) => {
        // Same monitor and subject text in every tenant: only tenant (and so alert_id) tells them apart.
        const tenants = ['acme', 'globex', ''];
        const alerts = tenants.flatMap((tenant, t) =>
          SEVERITIES.map((severity, s) => sampleAlert('apart', t * 3 + s, { tenant, severity, monitor: 'preference-shift', subject: 'm1@v2/verbosity', raised_at: T0 + s * MINUTE })),
        );
        expect(new Set(alerts.map((a) => a.alert_id)).size).toBe(alerts.length);
        await output.send(alerts.slice(0, 4));
        await output.send(alerts.slice(4));
        const got = distinctAlerts(await received());
        expect(got.size).toBe(alerts.length);
        const expected = byId(alerts);
        for (const [id, alert] of got) {
          expect([alert.tenant, alert.severity]).toEqual([expected.get(id)?.tenant, expected.get(id)?.severity]);
        }
        for (const tenant of tenants) {
          const ofTenant = [...got.values()].filter((a) => a.tenant === tenant);
          expect(ofTenant.map((a) => a.severity).sort()).toEqual([...SEVERITIES].sort());
        }
      }),
      timeout,
    );
  });
}
