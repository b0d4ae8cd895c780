import { SIGNAL_KINDS } from '@prefstream/signals';
import { LENGTH_BUCKETS, type RatingMethod } from '@prefstream/stats';
import { BadRequest, choiceParam, intParam, textParam } from './params';
import type { DashboardQueryRunner, DashboardRow } from './queries';
import { differenceView, meanView, num, numMap, rateView } from './summaries';

const MINUTE_MS = 60_000;
const RATING_METHODS: readonly RatingMethod[] = ['bradley_terry', 'style_control', 'elo'];
const REWARD_BOUNDS: [number, number] = [-1, 1];

export interface ApiContext {
  query: DashboardQueryRunner;
  /** The clock the windows are relative to. */
  now: () => number;
}

export type ApiHandler = (context: ApiContext, params: URLSearchParams) => Promise<unknown>;

/**
 * The last `minutes` whole minutes up to and including the current one: [from, to) in epoch ms. Event
 * time: minute_aggregates is keyed by the minute of each response's event time.
 */
export function windowOf(nowMs: number, minutes: number): { from: number; to: number } {
  const to = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  return { from: to - minutes * MINUTE_MS, to };
}

const windowParams = (context: ApiContext, params: URLSearchParams) => {
  const tenant = textParam(params, 'tenant');
  const minutes = intParam(params, 'minutes', 15, 1, 1440);
  return { tenant, minutes, ...windowOf(context.now(), minutes) };
};

/** Tenants with data in the last day (busiest first) and the server clock. */
const tenants: ApiHandler = async (context, params) => {
  const hours = intParam(params, 'hours', 24, 1, 24 * 400);
  const now = context.now();
  const rows = await context.query('dashboardTenants', { since: now - hours * 60 * MINUTE_MS });
  return { now_ms: now, tenants: rows.map((r) => ({ tenant: String(r.tenant), responses: num(r.responses), last_minute_ms: num(r.last_minute_ms) })) };
};

function modelView(r: DashboardRow, minutes: number) {
  const responses = num(r.responses);
  const up = num(r.thumbs_up);
  const down = num(r.thumbs_down);
  const settled = num(r.reward_count);
  const signalCounts = numMap(r.signal_counts);
  const bySums = numMap(r.reward_by_sums);
  const bySumsqs = numMap(r.reward_by_sumsqs);
  const byCounts = numMap(r.reward_by_counts);
  const by = (key: string) => meanView(byCounts[key] ?? 0, bySums[key] ?? 0, bySumsqs[key] ?? 0, REWARD_BOUNDS);
  const refuses = by('refuses');
  const complies = by('complies');
  const toxic = by('toxic');
  const nonToxic = by('non_toxic');
  const known = Object.keys(SIGNAL_KINDS);
  const kinds = [...known.filter((k) => k in signalCounts), ...Object.keys(signalCounts).filter((k) => !known.includes(k)).sort()];
  return {
    model: String(r.model),
    model_version: String(r.model_version),
    responses,
    responses_per_minute: responses / minutes,
    settled,
    thumbs: { up, down, ...rateView(up, up + down) },
    rating: { ...meanView(num(r.rating_count), num(r.rating_sum), num(r.rating_sumsq), [0, 1]), positive: rateView(num(r.rating_positive), num(r.rating_count)) },
    reward: meanView(settled, num(r.reward_sum), num(r.reward_sumsq), REWARD_BOUNDS),
    votes: { won: num(r.votes_won), lost: num(r.votes_lost), tie: num(r.votes_tie), both_bad: num(r.votes_both_bad), wins: rateView(num(r.votes_won), num(r.votes_won) + num(r.votes_lost)) },
    reactions: num(r.reactions),
    flags: num(r.flags),
    comments: num(r.comments),
    // Occurrences per settled response (one whose outcome is final); a Wilson interval when a kind
    // occurs at most once per response on average, as a share.
    signals: kinds.map((kind) => {
      const count = signalCounts[kind];
      const polarity = (SIGNAL_KINDS as Record<string, { polarity: number }>)[kind]?.polarity ?? null;
      const interval = settled > 0 && count <= settled ? rateView(count, settled) : undefined;
      return { kind, polarity, count, per_response: settled > 0 ? count / settled : null, low: interval?.low ?? null, high: interval?.high ?? null };
    }),
    // The unsafe-preference view: is refusing (or being toxic) rewarded more or less than the opposite?
    reward_by: {
      refuses,
      complies,
      refuses_minus_complies: differenceView(refuses, complies),
      toxic,
      non_toxic: nonToxic,
      toxic_minus_non_toxic: differenceView(toxic, nonToxic),
      length: LENGTH_BUCKETS.map((bucket) => ({ bucket, ...by(`tokens:${bucket}`) })),
    },
  };
}

/** Per model version over the window: volume, thumbs, ratings, reward, votes, signal rates, reward by condition. */
const models: ApiHandler = async (context, params) => {
  const w = windowParams(context, params);
  const rows = await context.query('dashboardModelWindow', { tenant: w.tenant, from: w.from, to: w.to });
  return { tenant: w.tenant, minutes: w.minutes, from_ms: w.from, to_ms: w.to, models: rows.map((r) => modelView(r, w.minutes)) };
};

/** Per model version, one point per minute of the window (minutes without data are zeros). */
const series: ApiHandler = async (context, params) => {
  const w = windowParams(context, params);
  const rows = await context.query('dashboardMinuteSeries', { tenant: w.tenant, from: w.from, to: w.to });
  const minutes = Array.from({ length: w.minutes }, (_, i) => w.from + i * MINUTE_MS);
  const byModel = new Map<string, { model: string; model_version: string; points: Map<number, DashboardRow> }>();
  for (const r of rows) {
    const key = JSON.stringify([r.model, r.model_version]);
    let entry = byModel.get(key);
    if (!entry) byModel.set(key, (entry = { model: String(r.model), model_version: String(r.model_version), points: new Map() }));
    entry.points.set(num(r.minute_ms), r);
  }
  return {
    tenant: w.tenant,
    minutes: w.minutes,
    from_ms: w.from,
    to_ms: w.to,
    series: [...byModel.values()].map((s) => ({
      model: s.model,
      model_version: s.model_version,
      points: minutes.map((minute) => {
        const r = s.points.get(minute);
        const up = num(r?.thumbs_up);
        const down = num(r?.thumbs_down);
        const settled = num(r?.reward_count);
        return { minute_ms: minute, responses: num(r?.responses), thumbs_up: up, thumbs_down: down, thumbs_up_rate: up + down > 0 ? up / (up + down) : null, reward_mean: settled > 0 ? num(r?.reward_sum) / settled : null, settled };
      }),
    })),
  };
};

/** The latest rating snapshot: of the tenant's scope when it has one (else 'global'), or the scope asked for. */
const ratings: ApiHandler = async (context, params) => {
  const tenant = textParam(params, 'tenant');
  const askedScope = textParam(params, 'scope');
  const askedMethod = choiceParam(params, 'method', RATING_METHODS);
  const available = (await context.query('ratingScopes', {})).map((r) => ({ scope: String(r.scope), method: String(r.method), computed_at_ms: num(r.computed_at_ms) }));
  const scopes = [...new Set(available.map((a) => a.scope))];
  const scope = askedScope || (tenant && scopes.includes(`tenant:${tenant}`) ? `tenant:${tenant}` : 'global');
  const methods = available.filter((a) => a.scope === scope).map((a) => a.method);
  const method = askedMethod || (methods.includes('bradley_terry') ? 'bradley_terry' : (methods[0] ?? 'bradley_terry'));
  const rows = await context.query('latestRatings', { scope, method });
  return {
    scope,
    method,
    scopes,
    methods,
    computed_at_ms: rows.length ? num(rows[0].computed_at_ms) : null,
    ratings: rows.map((r) => ({ model: String(r.model), rating: num(r.rating), ci_low: num(r.ci_low), ci_high: num(r.ci_high), rank: num(r.rank), votes: num(r.votes), gradient_norm: num(r.gradient_norm) })),
  };
};

/** The latest per-feature preference effects of the tenant's segment (else 'global'), for one window. */
const effects: ApiHandler = async (context, params) => {
  const tenant = textParam(params, 'tenant');
  const askedSegment = textParam(params, 'segment');
  const askedWindow = textParam(params, 'window');
  let segment = askedSegment || (tenant ? `tenant:${tenant}` : 'global');
  let windows = (await context.query('effectWindows', { segment })).map((r) => String(r.window));
  if (!askedSegment && windows.length === 0 && segment !== 'global') {
    segment = 'global';
    windows = (await context.query('effectWindows', { segment })).map((r) => String(r.window));
  }
  const window = askedWindow || (windows.includes('cumulative') ? 'cumulative' : (windows[0] ?? 'cumulative'));
  const rows = await context.query('latestEffects', { segment, window });
  return {
    segment,
    window,
    windows,
    computed_at_ms: rows.length ? Math.max(...rows.map((r) => num(r.computed_at_ms))) : null,
    effects: rows.map((r) => ({ target: String(r.target), feature: String(r.feature), coef: num(r.coef), se: num(r.se), ci_low: num(r.ci_low), ci_high: num(r.ci_high), n: num(r.n) })),
  };
};

/** Rejected events by reason (all tenants: a poison record may have none) and late events, since `minutes` ago. */
const quality: ApiHandler = async (context, params) => {
  const tenant = textParam(params, 'tenant');
  const minutes = intParam(params, 'minutes', 60, 1, 60 * 24 * 30);
  const since = context.now() - minutes * MINUTE_MS;
  const [rejected, late] = await Promise.all([context.query('rejectedEventsByReason', { since }), context.query('lateEventsByReason', { tenant, since })]);
  return {
    tenant,
    since_ms: since,
    rejected: rejected.map((r) => ({ reason: String(r.reason), events: num(r.events), bytes: num(r.bytes), last_ms: num(r.last_ms) })),
    late: late.map((r) => ({ reason: String(r.reason), type: String(r.type), events: num(r.events), max_lateness_ms: num(r.max_lateness_ms), last_ms: num(r.last_ms) })),
  };
};

/** Alerts raised in the last `hours` (default a week), newest first. */
const alerts: ApiHandler = async (context, params) => {
  const tenant = textParam(params, 'tenant');
  const hours = intParam(params, 'hours', 168, 1, 24 * 400);
  const limit = intParam(params, 'limit', 50, 1, 1000);
  const since = context.now() - hours * 60 * MINUTE_MS;
  const rows = await context.query('tenantAlerts', { tenant, since, limit });
  return {
    tenant,
    since_ms: since,
    alerts: rows.map((r) => ({ alert_id: String(r.alert_id), raised_at_ms: num(r.raised_at_ms), tenant: String(r.tenant), severity: String(r.severity), monitor: String(r.monitor), subject: String(r.subject), message: String(r.message) })),
  };
};

/** A statistic relative to its threshold (1 = at the threshold); null without a positive threshold. */
const ratioOf = (statistic: number, threshold: number): number | null => (threshold > 0 && Number.isFinite(statistic) ? statistic / threshold : null);

/**
 * The monitors' drift statistics per (tenant, monitor, subject) over the window: the latest point, the
 * peak statistic/threshold ratio, whether the subject drifted anywhere in it, and every point for a
 * sparkline. Drifting subjects first, then by latest ratio, highest first. The monitors judge a minute
 * only once it has settled (outcomes lag about an hour by default), hence the wide default window.
 */
const drift: ApiHandler = async (context, params) => {
  const tenant = textParam(params, 'tenant');
  const minutes = intParam(params, 'minutes', 180, 1, 1440);
  const w = windowOf(context.now(), minutes);
  const rows = await context.query('driftStats', { tenant, from: w.from, to: w.to });
  interface Point { computed_at_ms: number; statistic: number; threshold: number; drifted: boolean }
  const bySubject = new Map<string, { tenant: string; monitor: string; subject: string; points: Point[] }>();
  for (const r of rows) {
    const key = JSON.stringify([r.tenant, r.monitor, r.subject]);
    let entry = bySubject.get(key);
    if (!entry) bySubject.set(key, (entry = { tenant: String(r.tenant), monitor: String(r.monitor), subject: String(r.subject), points: [] }));
    const point = { computed_at_ms: num(r.computed_at_ms), statistic: num(r.statistic), threshold: num(r.threshold), drifted: num(r.drifted) === 1 };
    // Rows come oldest first; a minute written twice (a monitor restarted mid-write) keeps its last row.
    if (entry.points.at(-1)?.computed_at_ms === point.computed_at_ms) entry.points[entry.points.length - 1] = point;
    else entry.points.push(point);
  }
  const subjects = [...bySubject.values()].map((e) => {
    const last = e.points[e.points.length - 1];
    const ratios = e.points.map((p) => ratioOf(p.statistic, p.threshold)).filter((x): x is number => x !== null);
    return {
      tenant: e.tenant,
      monitor: e.monitor,
      subject: e.subject,
      latest: { computed_at_ms: last.computed_at_ms, statistic: last.statistic, threshold: last.threshold, drifted: last.drifted, ratio: ratioOf(last.statistic, last.threshold) },
      max_ratio: ratios.length ? Math.max(...ratios) : null,
      drifted_in_window: e.points.some((p) => p.drifted),
      drifted_minutes: e.points.filter((p) => p.drifted).length,
      points: e.points.map((p) => ({ computed_at_ms: p.computed_at_ms, statistic: p.statistic })),
    };
  });
  const rank = (x: number | null) => (x === null ? -Infinity : x);
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  subjects.sort((a, b) => Number(b.latest.drifted) - Number(a.latest.drifted) || rank(b.latest.ratio) - rank(a.latest.ratio)
    || text(a.tenant, b.tenant) || text(a.monitor, b.monitor) || text(a.subject, b.subject));
  return {
    tenant,
    minutes,
    from_ms: w.from,
    to_ms: w.to,
    computed_at_ms: subjects.length ? Math.max(...subjects.map((x) => x.latest.computed_at_ms)) : null,
    subjects,
  };
};

/** Every API endpoint; each runs only named read-only queries. */
export const API_ROUTES: Record<string, ApiHandler> = {
  '/api/tenants': tenants,
  '/api/models': models,
  '/api/series': series,
  '/api/ratings': ratings,
  '/api/effects': effects,
  '/api/quality': quality,
  '/api/alerts': alerts,
  '/api/drift': drift,
};

export { BadRequest };
