import fs from 'node:fs';
import path from 'node:path';
import { migrate, openStore, runNamedQuery, type Store } from '@prefstream/clickhouse';
import { startDashboardServer, type DashboardServer } from '@prefstream/dashboard';
import { chromium, type Browser, type Page } from 'playwright-core';
import { aggregateRow, MINUTE, temporaryDir, waitFor } from './fixtures';

// A real headless Chromium loads the page from the real server over a real embedded store with known
// rows, and reads the numbers it shows. Debian's chromium (`.ci/run` installs it).
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) console.warn(`dashboard browser test skipped: ${CHROMIUM} is absent (apt-get install chromium; .ci/run installs it)`);
const describeWithChromium = hasChromium ? describe : describe.skip;
jest.setTimeout(60_000);

const CURRENT = Math.floor(Date.now() / MINUTE) * MINUTE;
const ALPHA_REWARDS = [0.6, -0.2, 0.9, 0.4, 0.1];
// Drift statistics as the monitors write them, one row per subject per judged minute, trailing real time
// by ~30 minutes. The drifting subject sorts after the quiet one by name, so only the ranking puts it first.
const QUIET = 'acme-chat@2026-11-01/implicit_reward';
const DRIFTING = 'drifty@v1/signal:regenerate';
const driftRow = (subject: string, minutesAgo: number, statistic: number, threshold = 8) =>
  ({ computed_at: CURRENT - minutesAgo * MINUTE, tenant: 'acme', monitor: 'drift', subject, statistic, threshold, drifted: statistic > threshold ? 1 : 0, details: JSON.stringify({ metric: 'x', count: 50, warming_up: false }) });
const signed3 = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;

describeWithChromium('the dashboard in a real browser', () => {
  let dir: string;
  let store: Store;
  let server: DashboardServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const foreignRequests: string[] = [];

  beforeAll(async () => {
    dir = temporaryDir('dashboard-browser-');
    store = await openStore({ kind: 'embedded', dataDir: path.join(dir, 'store') });
    await migrate(store);
    await store.insert('minute_aggregates', [
      // acme: alpha v1 in two partials (two minutes), beta v2; globex: alpha v1 with other numbers.
      aggregateRow({ tenant: 'acme', model: 'alpha', version: 'v1', minute: CURRENT - MINUTE, responses: 25, up: 20, down: 5, rewards: ALPHA_REWARDS.slice(0, 3), signals: { regenerate: 1 } }),
      aggregateRow({ tenant: 'acme', model: 'alpha', version: 'v1', minute: CURRENT, responses: 15, up: 10, down: 5, rewards: ALPHA_REWARDS.slice(3), signals: { copy: 2 } }),
      aggregateRow({ tenant: 'acme', model: 'beta', version: 'v2', minute: CURRENT, responses: 12, up: 3, down: 9 }),
      aggregateRow({ tenant: 'globex', model: 'alpha', version: 'v1', minute: CURRENT, responses: 10, up: 2, down: 8 }),
    ]);
    await store.insert('rating_snapshots', [
      { computed_at: CURRENT, scope: 'global', method: 'bradley_terry', model: 'alpha', rating: 1031.5, ci_low: 1010, ci_high: 1050, rank: 1, votes: 40, gradient_norm: 0 },
      { computed_at: CURRENT, scope: 'global', method: 'bradley_terry', model: 'beta', rating: 968.5, ci_low: 950, ci_high: 990, rank: 2, votes: 40, gradient_norm: 0 },
    ]);
    await store.insert('drift_stats', [
      driftRow(QUIET, 34, 2.5), driftRow(QUIET, 33, 4), driftRow(QUIET, 32, 5.2), driftRow(QUIET, 31, 6.1),
      driftRow(DRIFTING, 34, 1), driftRow(DRIFTING, 33, 3.8), driftRow(DRIFTING, 32, 8.6), driftRow(DRIFTING, 31, 11.4),
    ]);
    await store.insert('rejected_events', [1, 2, 3].map((i) => ({ reason: 'invalid_json', message: 'm', raw_base64: 'eA==', raw_bytes: 1, source: 'p0', ingested_at: Date.now() - i * 1000 })));
    server = await startDashboardServer({ query: (name, params) => runNamedQuery(store, name, params), port: 0 });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    page = await browser.newPage({ viewport: { width: 1400, height: 1800 } });
    const origin = new URL(server.url).origin;
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
    page.on('request', (r) => !r.url().startsWith(origin) && foreignRequests.push(r.url()));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const cell = (model: string, version: string, field: string) => page.locator(`#models tr[data-model="${model}"][data-version="${version}"] [data-field="${field}"]`);

  it('shows each model version\'s responses, thumbs-up rate and mean reward as inserted, for the busiest tenant first', async () => {
    await page.goto(server.url);
    await page.waitForSelector('body[data-refreshes]');
    expect(await page.locator('#tenant').inputValue()).toBe('acme');
    expect(await cell('alpha', 'v1', 'responses').textContent()).toBe('40');
    expect(await cell('alpha', 'v1', 'thumbs_up_rate').textContent()).toBe('75.0%');
    expect(await cell('alpha', 'v1', 'thumbs_n').textContent()).toBe('30/40');
    expect(await cell('alpha', 'v1', 'reward_mean').textContent()).toBe(signed3(ALPHA_REWARDS.reduce((a, b) => a + b) / ALPHA_REWARDS.length));
    expect(await cell('alpha', 'v1', 'reward_n').textContent()).toBe('n=5');
    expect(await cell('beta', 'v2', 'responses').textContent()).toBe('12');
    expect(await cell('beta', 'v2', 'thumbs_up_rate').textContent()).toBe('25.0%');
    // Signal rates per settled response: regenerate 1 of 5.
    expect(await page.locator('#signals tr[data-signal="regenerate"] td[data-model="alpha"] [data-field="rate"]').textContent()).toBe('20.0%');
    // A line per model version in the charts, ratings from the snapshot, rejected events, empty alerts.
    expect(await page.locator('#chart-responses path[data-series="alpha v1"]').count()).toBe(1);
    expect(await page.locator('#ratings tr[data-model="alpha"] [data-field="rating"]').textContent()).toBe('1031.5');
    expect(await page.locator('#quality tr[data-reason="invalid_json"] [data-field="events"]').textContent()).toBe('3');
    expect(await page.locator('#alerts .empty').textContent()).toBe('No alerts for tenant acme in the last 7 days.');
    await page.screenshot({ path: path.join(dir, 'dashboard.png'), fullPage: true });
    if (process.env.DASHBOARD_SCREENSHOT) fs.copyFileSync(path.join(dir, 'dashboard.png'), process.env.DASHBOARD_SCREENSHOT);
  });

  it('lists the drift monitors\' subjects, the drifting one first and highlighted, with latest statistic / threshold', async () => {
    const rows = page.locator('#drift tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-subject'), tr.className]))).toEqual([[DRIFTING, 'drifted'], [QUIET, '']]);
    const row = (subject: string) => page.locator(`#drift tr[data-subject="${subject}"]`);
    expect(await row(DRIFTING).locator('[data-field="latest"]').textContent()).toBe('11.4 / 8');
    expect(await row(QUIET).locator('[data-field="latest"]').textContent()).toBe('6.1 / 8');
    expect(await row(DRIFTING).locator('[data-field="peak"]').textContent()).toBe('142.5%');
    expect(await row(DRIFTING).locator('[data-flag="drifting"]').count()).toBe(1);
    expect(await row(QUIET).locator('[data-field="state"]').textContent()).toBe('–');
    // The highlight is visible (the style sheet applies), and each row has a sparkline with its threshold.
    // (Runs in the page; this project's tsconfig has no DOM types.)
    const styleOf = (td: unknown) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(td).backgroundColor;
    const background = (subject: string) => row(subject).locator('td').first().evaluate(styleOf);
    expect(await background(DRIFTING)).toBe('rgb(255, 244, 229)');
    expect(await background(QUIET)).toBe('rgba(0, 0, 0, 0)');
    expect(await page.locator('#drift svg.sparkline').count()).toBe(2);
    expect(await row(DRIFTING).locator('svg.sparkline line[data-threshold="8"]').count()).toBe(1);
    expect(await page.locator('#drift-window').textContent()).toBe('tenant acme, last 3 hours');
  });

  it('changes the numbers when another tenant is selected', async () => {
    await page.selectOption('#tenant', 'globex');
    await page.waitForSelector('body[data-tenant="globex"]');
    expect(await cell('alpha', 'v1', 'responses').textContent()).toBe('10');
    expect(await cell('alpha', 'v1', 'thumbs_up_rate').textContent()).toBe('20.0%');
    expect(await cell('beta', 'v2', 'responses').count()).toBe(0);
    expect(await page.locator('#drift .empty').textContent()).toBe('No drift statistics yet for tenant globex (last 3 hours): monitors judge minutes once they settle (about an hour for rewards).');
    expect(new URL(page.url()).searchParams.get('tenant')).toBe('globex');
    await page.selectOption('#tenant', '');
    await page.waitForSelector('body[data-tenant=""]');
    expect(await cell('alpha', 'v1', 'responses').textContent()).toBe('50');
    expect(await cell('alpha', 'v1', 'thumbs_up_rate').textContent()).toBe('64.0%');
    await page.selectOption('#tenant', 'globex');
    await page.waitForSelector('body[data-tenant="globex"]');
  });

  it('refreshes by itself as new aggregates arrive', async () => {
    await store.insert('minute_aggregates', [aggregateRow({ tenant: 'globex', model: 'alpha', version: 'v1', minute: CURRENT, responses: 5, up: 3, down: 0 })]);
    await waitFor(async () => (await cell('alpha', 'v1', 'responses').textContent()) === '15', 'the page to show the new rows', 15_000);
    expect(await cell('alpha', 'v1', 'thumbs_up_rate').textContent()).toBe('38.5%');
  });

  it('loaded nothing from elsewhere and raised no script, CSP or loading errors', () => {
    expect(foreignRequests).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('is refused any write: POST, PUT and DELETE get 405 from the page\'s own origin', async () => {
    const answers = await page.evaluate(async () => Promise.all(['POST', 'PUT', 'DELETE'].map(async (method) => {
      const res = await fetch('/api/models?tenant=globex', { method, body: method === 'DELETE' ? undefined : '{"responses":0}' });
      return { method, status: res.status, allow: res.headers.get('allow') };
    })));
    expect(answers).toEqual(['POST', 'PUT', 'DELETE'].map((method) => ({ method, status: 405, allow: 'GET' })));
    const rows = await store.query<{ n: string }>("SELECT sum(responses) AS n FROM minute_aggregates WHERE tenant = 'globex'");
    expect(Number(rows[0].n)).toBe(15);
  });

});
