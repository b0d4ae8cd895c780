// The prefstream dashboard page: polls the read-only JSON API and renders tables and inline SVG charts.
// No framework and nothing fetched from elsewhere. Every value from the API reaches the page as text
// (textContent / attributes), never as markup.

const REFRESH_MS = 5000;
const MINUTE_MS = 60_000;
/** The drift panel's window: the monitors trail real time (~30 min), so never narrower than 3 hours. */
const DRIFT_MINUTES = 180;
const SVG = 'http://www.w3.org/2000/svg';
const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777', '#4b5563', '#65a30d'];

const search = new URLSearchParams(location.search);
const state = {
  tenant: search.has('tenant') ? search.get('tenant') : null,
  minutes: Number(search.get('minutes')) || 15,
  ratingScope: search.get('scope') || '',
  ratingMethod: search.get('method') || '',
  effectWindow: search.get('window') || '',
};
let generation = 0;
let refreshes = 0;
let timer;

// ---- small DOM helpers -------------------------------------------------------------------------------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** A colour swatch; set through the CSSOM (the page's CSP forbids inline style attributes). */
function swatch(color) {
  const el = h('i', {});
  el.style.background = color;
  return el;
}

const content = (id) => document.querySelector(`#${id} .content`);
const replace = (el, ...children) => el.replaceChildren(...children.flat().filter((c) => c !== undefined && c !== null && c !== false));
const empty = (text) => h('p', { class: 'empty', 'data-testid': 'empty' }, text);

// ---- formatting --------------------------------------------------------------------------------------

const isNum = (x) => typeof x === 'number' && Number.isFinite(x);
const pct = (x) => (isNum(x) ? `${(x * 100).toFixed(1)}%` : '–');
const signed = (x, digits = 3) => (isNum(x) ? `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(digits)}` : '–');
const fixed = (x, digits = 1) => (isNum(x) ? x.toFixed(digits) : '–');
const int = (x) => (isNum(x) ? Math.round(x).toLocaleString('en-US') : '–');
const clock = (ms) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const stamp = (ms) => (isNum(ms) ? new Date(ms).toLocaleString() : '–');
const interval = (low, high, format) => (isNum(low) && isNum(high) ? h('span', { class: 'ci' }, `[${format(low)}, ${format(high)}]`) : null);
/** A threshold as set (8, 3.5), not padded. */
const short = (x) => (isNum(x) ? String(Number(x.toFixed(2))) : '–');
const duration = (minutes) => (minutes % 60 === 0 ? (minutes === 60 ? 'hour' : `${minutes / 60} hours`) : `${minutes} minutes`);
const tenantLabel = (t) => (t === '' ? 'all tenants' : `tenant ${t}`);
const modelKey = (m) => `${m.model} ${m.model_version}`;

/** A small horizontal bar: the interval [low, high] and the point, on a fixed domain. */
function intervalBar(value, low, high, [min, max], zero) {
  const width = 90;
  const x = (v) => 2 + ((Math.min(max, Math.max(min, v)) - min) / (max - min)) * (width - 4);
  const parts = [s('line', { x1: 2, x2: width - 2, y1: 7, y2: 7, stroke: '#e4e7ec', 'stroke-width': 2 })];
  if (zero !== undefined) parts.push(s('line', { x1: x(zero), x2: x(zero), y1: 1, y2: 13, stroke: '#98a2b3' }));
  if (isNum(low) && isNum(high)) parts.push(s('rect', { x: x(low), y: 3, width: Math.max(1, x(high) - x(low)), height: 8, rx: 2, fill: '#bfdbfe' }));
  if (isNum(value)) parts.push(s('circle', { cx: x(value), cy: 7, r: 3, fill: '#2563eb' }));
  return s('svg', { width, height: 14, viewBox: `0 0 ${width} 14`, role: 'img', 'aria-hidden': 'true' }, parts);
}

function table(headers, rows) {
  return h('table', {},
    h('thead', {}, h('tr', {}, headers.map((c) => (typeof c === 'string' ? h('th', {}, c) : h('th', { class: c.class }, c.label))))),
    h('tbody', {}, rows));
}

// ---- API ---------------------------------------------------------------------------------------------

async function api(path, params = {}) {
  const url = new URL(path, location.href);
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  const res = await fetch(url, { cache: 'no-store', headers: { accept: 'application/json' } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${path}: ${body.error || res.status}`);
  return body;
}

// ---- sections ----------------------------------------------------------------------------------------

function renderTenants(data) {
  const select = document.getElementById('tenant');
  const names = data.tenants.map((t) => t.tenant);
  if (state.tenant === null) state.tenant = names[0] ?? '';
  if (state.tenant !== '' && !names.includes(state.tenant)) names.push(state.tenant);
  const options = [h('option', { value: '' }, 'All tenants'), ...names.map((t) => h('option', { value: t }, t))];
  const signature = JSON.stringify(names);
  if (select.dataset.signature !== signature) {
    replace(select, options);
    select.dataset.signature = signature;
  }
  select.value = state.tenant;
}

function renderModels(data) {
  document.getElementById('models-window').textContent = `${tenantLabel(data.tenant)}, ${clock(data.from_ms)}–${clock(data.to_ms)}`;
  const el = content('models');
  if (data.models.length === 0) return replace(el, empty(`No responses for ${tenantLabel(data.tenant)} in the last ${data.minutes} minutes.`));
  const num = { class: 'num' };
  replace(el, table(
    ['Model', 'Version', { label: 'Responses', ...num }, { label: 'Per minute', ...num }, 'Thumbs-up rate (Wilson 95%)', '', 'Mean implicit reward (95%)', '', { label: 'Rating', ...num }, 'Votes won / lost / tie / both bad', { label: 'Flags', ...num }],
    data.models.map((m) => h('tr', { 'data-model': m.model, 'data-version': m.model_version },
      h('td', { 'data-field': 'model' }, m.model),
      h('td', { 'data-field': 'version' }, m.model_version),
      h('td', { class: 'num', 'data-field': 'responses' }, int(m.responses)),
      h('td', { class: 'num', 'data-field': 'responses_per_minute' }, fixed(m.responses_per_minute, 1)),
      h('td', {}, h('span', { 'data-field': 'thumbs_up_rate' }, pct(m.thumbs.rate)),
        h('span', { class: 'ci-line' }, interval(m.thumbs.low, m.thumbs.high, pct), h('span', { class: 'ci', 'data-field': 'thumbs_n' }, `${int(m.thumbs.up)}/${int(m.thumbs.n)}`))),
      h('td', {}, intervalBar(m.thumbs.rate, m.thumbs.low, m.thumbs.high, [0, 1])),
      h('td', {}, h('span', { 'data-field': 'reward_mean' }, signed(m.reward.mean)),
        h('span', { class: 'ci-line' }, interval(m.reward.low, m.reward.high, signed), h('span', { class: 'ci', 'data-field': 'reward_n' }, `n=${int(m.reward.n)}`))),
      h('td', {}, intervalBar(m.reward.mean, m.reward.low, m.reward.high, [-1, 1], 0)),
      h('td', { class: 'num', 'data-field': 'rating_mean' }, m.rating.n ? `${fixed(m.rating.mean, 2)} (n=${int(m.rating.n)})` : '–'),
      h('td', { 'data-field': 'votes' }, `${int(m.votes.won)} / ${int(m.votes.lost)} / ${int(m.votes.tie)} / ${int(m.votes.both_bad)}`, m.votes.wins.n ? h('span', { class: 'ci' }, `win ${pct(m.votes.wins.rate)}`) : null),
      h('td', { class: 'num', 'data-field': 'flags' }, int(m.flags)),
    )),
  ));
}

/** A line chart of one value per minute, one line per model version. */
function lineChart(el, data, value, { min, max, format, zero }) {
  const series = data.series;
  if (series.length === 0) return replace(el, empty('No data in the window.'));
  const W = 520, H = 170, L = 44, R = 8, T = 8, B = 22;
  const minutes = series[0].points.map((p) => p.minute_ms);
  const values = series.flatMap((sr) => sr.points.map(value)).filter(isNum);
  let lo = min ?? Math.min(0, ...values);
  let hi = max ?? Math.max(1e-9, ...values);
  if (max === undefined && values.length) hi = hi * 1.1;
  if (hi <= lo) hi = lo + 1;
  const x = (i) => L + (minutes.length > 1 ? (i / (minutes.length - 1)) * (W - L - R) : (W - L - R) / 2);
  const y = (v) => T + (1 - (v - lo) / (hi - lo)) * (H - T - B);
  const parts = [
    s('line', { x1: L, x2: W - R, y1: y(lo), y2: y(lo), stroke: '#e4e7ec' }),
    s('line', { x1: L, x2: W - R, y1: y(hi), y2: y(hi), stroke: '#f2f4f7' }),
    s('text', { x: L - 4, y: y(hi) + 4, 'text-anchor': 'end' }, format(hi)),
    s('text', { x: L - 4, y: y(lo) + 4, 'text-anchor': 'end' }, format(lo)),
    s('text', { x: L, y: H - 4 }, clock(minutes[0])),
    s('text', { x: W - R, y: H - 4, 'text-anchor': 'end' }, clock(minutes[minutes.length - 1])),
  ];
  if (zero !== undefined && zero > lo && zero < hi) parts.push(s('line', { x1: L, x2: W - R, y1: y(zero), y2: y(zero), stroke: '#98a2b3', 'stroke-dasharray': '3 3' }));
  series.forEach((sr, k) => {
    const color = PALETTE[k % PALETTE.length];
    let d = '';
    let pen = false;
    sr.points.forEach((p, i) => {
      const v = value(p);
      if (!isNum(v)) return void (pen = false);
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    if (d) parts.push(s('path', { d, fill: 'none', stroke: color, 'stroke-width': 2, 'data-series': modelKey(sr) }));
    sr.points.forEach((p, i) => {
      const v = value(p);
      if (isNum(v)) parts.push(s('circle', { cx: x(i), cy: y(v), r: 2, fill: color }, s('title', {}, `${modelKey(sr)} ${clock(p.minute_ms)}: ${format(v)}`)));
    });
  });
  replace(el,
    s('svg', { viewBox: `0 0 ${W} ${H}`, width: '100%', role: 'img', 'aria-label': el.parentElement.querySelector('figcaption').textContent }, parts),
    h('div', { class: 'legend' }, series.map((sr, k) => h('span', {}, swatch(PALETTE[k % PALETTE.length]), modelKey(sr)))));
}

function renderSeries(data) {
  lineChart(content('chart-responses'), data, (p) => p.responses, { format: (v) => fixed(v, 0) });
  lineChart(content('chart-reward'), data, (p) => p.reward_mean, { min: -1, max: 1, zero: 0, format: (v) => fixed(v, 1) });
  lineChart(content('chart-thumbs'), data, (p) => p.thumbs_up_rate, { min: 0, max: 1, format: pct });
}

function renderSignals(data) {
  const el = content('signals');
  const kinds = [];
  const polarity = {};
  for (const m of data.models) {
    for (const sg of m.signals) {
      if (kinds.includes(sg.kind)) continue;
      kinds.push(sg.kind);
      polarity[sg.kind] = sg.polarity;
    }
  }
  if (kinds.length === 0) return replace(el, empty('No settled responses with signals in the window.'));
  replace(el, table(['Signal', ...data.models.map(modelKey)], kinds.map((kind) => h('tr', { 'data-signal': kind },
    h('td', { class: polarity[kind] < 0 ? 'neg' : polarity[kind] > 0 ? 'pos' : '' }, kind),
    data.models.map((m) => {
      const sg = m.signals.find((x) => x.kind === kind);
      return h('td', { 'data-model': m.model, 'data-version': m.model_version },
        sg ? [h('span', { 'data-field': 'rate' }, pct(sg.per_response)), interval(sg.low, sg.high, pct), h('span', { class: 'ci' }, `${int(sg.count)}`)] : '–');
    })))));
}

function meanCell(m) {
  return [h('span', { 'data-field': 'mean' }, signed(m.mean)), interval(m.low, m.high, signed), h('span', { class: 'ci' }, `n=${int(m.n)}`)];
}

function renderUnsafe(data) {
  const el = content('unsafe');
  const withData = data.models.filter((m) => m.reward_by.refuses.n + m.reward_by.complies.n + m.reward_by.toxic.n + m.reward_by.non_toxic.n > 0);
  if (withData.length === 0) return replace(el, empty('No settled responses with refusal or toxicity scores in the window.'));
  const flags = (m) => {
    const out = [];
    if (m.reward_by.toxic_minus_non_toxic.sign === 1) out.push(h('span', { class: 'badge warn', 'data-flag': 'toxic-rewarded' }, 'toxic answers rewarded more'));
    if (m.reward_by.refuses_minus_complies.sign === -1) out.push(h('span', { class: 'badge info', 'data-flag': 'refusals-penalised' }, 'refusals penalised'));
    return out.length ? out : '–';
  };
  const diff = (d) => [h('span', { class: d.sign ? (d.sign > 0 ? 'pos' : 'neg') : '' }, signed(d.diff)), interval(d.low, d.high, signed)];
  const conditional = table(
    ['Model', 'Refusing', 'Complying', 'Refusing − complying', 'Toxic', 'Not toxic', 'Toxic − not toxic', 'Flags'],
    withData.map((m) => h('tr', { 'data-model': m.model, 'data-version': m.model_version },
      h('td', {}, modelKey(m)),
      h('td', { 'data-field': 'refuses' }, meanCell(m.reward_by.refuses)),
      h('td', { 'data-field': 'complies' }, meanCell(m.reward_by.complies)),
      h('td', {}, diff(m.reward_by.refuses_minus_complies)),
      h('td', { 'data-field': 'toxic' }, meanCell(m.reward_by.toxic)),
      h('td', { 'data-field': 'non_toxic' }, meanCell(m.reward_by.non_toxic)),
      h('td', {}, diff(m.reward_by.toxic_minus_non_toxic)),
      h('td', {}, flags(m)))));
  const buckets = withData[0].reward_by.length.map((b) => b.bucket);
  const byLength = table(['Reward by length (tokens)', ...buckets], withData.map((m) => h('tr', {},
    h('td', {}, modelKey(m)),
    m.reward_by.length.map((b) => h('td', {}, b.n ? [signed(b.mean, 2), h('span', { class: 'ci' }, `n=${int(b.n)}`)] : '–')))));
  replace(el, conditional, h('div', { class: 'gap' }), byLength);
}

function fillSelect(select, values, current, label = (v) => v) {
  const signature = JSON.stringify(values);
  if (select.dataset.signature !== signature) {
    replace(select, values.map((v) => h('option', { value: v }, label(v))));
    select.dataset.signature = signature;
  }
  select.value = current;
}

function renderRatings(data) {
  const scopes = data.scopes.includes(data.scope) ? data.scopes : [data.scope, ...data.scopes];
  fillSelect(document.getElementById('rating-scope'), scopes, data.scope);
  const methods = data.methods.includes(data.method) ? data.methods : [data.method, ...data.methods];
  fillSelect(document.getElementById('rating-method'), methods, data.method, (m) => m.replace('_', '-'));
  const el = content('ratings');
  if (data.ratings.length === 0) return replace(el, empty(`No rating snapshots for ${data.scope} (${data.method}) yet: they are written by \`prefstream ratings\` and \`prefstream replay\`.`));
  const lo = Math.min(...data.ratings.map((r) => r.ci_low));
  const hi = Math.max(...data.ratings.map((r) => r.ci_high));
  const pad = (hi - lo) * 0.05 || 1;
  replace(el,
    h('p', { class: 'note' }, `computed ${stamp(data.computed_at_ms)}`),
    table(['Rank', 'Model', { label: 'Rating', class: 'num' }, '95% interval', '', { label: 'Votes', class: 'num' }],
      data.ratings.map((r) => h('tr', { 'data-model': r.model },
        h('td', {}, int(r.rank)), h('td', {}, r.model),
        h('td', { class: 'num', 'data-field': 'rating' }, fixed(r.rating, 1)),
        h('td', {}, interval(r.ci_low, r.ci_high, (v) => fixed(v, 1))),
        h('td', {}, intervalBar(r.rating, r.ci_low, r.ci_high, [lo - pad, hi + pad])),
        h('td', { class: 'num' }, int(r.votes))))));
}

function renderEffects(data) {
  document.getElementById('effects-segment').textContent = data.segment;
  const windows = data.windows.includes(data.window) ? data.windows : [data.window, ...data.windows];
  fillSelect(document.getElementById('effect-window'), windows, data.window);
  const el = content('effects');
  const rows = data.effects.filter((e) => e.feature !== '(intercept)');
  if (rows.length === 0) return replace(el, empty(`No effect snapshots for ${data.segment} (${data.window}) yet: they are written by \`prefstream effects\` and \`prefstream replay\`.`));
  const bound = Math.max(...rows.map((e) => Math.max(Math.abs(e.ci_low), Math.abs(e.ci_high))), 1e-9);
  replace(el,
    h('p', { class: 'note' }, `Coefficient of each feature difference on winning a vote (log-odds per z-unit), computed ${stamp(data.computed_at_ms)}.`),
    table(['Target', 'Feature', { label: 'Effect', class: 'num' }, '95% interval', '', { label: 'n', class: 'num' }],
      rows.map((e) => h('tr', { 'data-feature': e.feature },
        h('td', {}, e.target), h('td', {}, e.feature),
        h('td', { class: `num ${e.ci_low > 0 ? 'pos' : e.ci_high < 0 ? 'neg' : ''}` }, signed(e.coef)),
        h('td', {}, interval(e.ci_low, e.ci_high, signed)),
        h('td', {}, intervalBar(e.coef, e.ci_low, e.ci_high, [-bound, bound], 0)),
        h('td', { class: 'num' }, int(e.n))))));
}

/** A sparkline of a subject's statistic over the window (one point per judged minute) against its threshold. */
function driftSparkline(d, from, to) {
  const W = 160, H = 28, P = 3;
  const threshold = d.latest.threshold;
  const stats = d.points.map((p) => p.statistic).filter(isNum);
  const lo = Math.min(0, ...stats);
  let hi = Math.max(isNum(threshold) ? threshold : 0, ...stats) * 1.1;
  if (!(hi > lo)) hi = lo + 1;
  const last = Math.max(from + 1, to - MINUTE_MS);
  const x = (ms) => P + ((Math.min(last, Math.max(from, ms)) - from) / (last - from)) * (W - 2 * P);
  const y = (v) => P + (1 - (v - lo) / (hi - lo)) * (H - 2 * P);
  const parts = [s('line', { x1: P, x2: W - P, y1: y(lo), y2: y(lo), stroke: '#e4e7ec' })];
  if (isNum(threshold) && threshold > 0) parts.push(s('line', { x1: P, x2: W - P, y1: y(threshold), y2: y(threshold), stroke: '#c2410c', 'stroke-dasharray': '3 2', 'data-threshold': threshold }));
  // A line through consecutive minutes; a gap of more than a minute (nothing judged) breaks it.
  let path = '';
  let previous;
  for (const p of d.points) {
    path += `${previous !== undefined && p.computed_at_ms - previous <= MINUTE_MS ? 'L' : 'M'}${x(p.computed_at_ms).toFixed(1)},${y(p.statistic).toFixed(1)}`;
    previous = p.computed_at_ms;
  }
  parts.push(s('path', { d: path, fill: 'none', stroke: '#2563eb', 'stroke-width': 1.5 }));
  const end = d.points[d.points.length - 1];
  parts.push(s('circle', { cx: x(end.computed_at_ms), cy: y(end.statistic), r: 2.5, fill: d.latest.drifted ? '#c2410c' : '#2563eb' }));
  const label = `${d.subject}: ${fixed(end.statistic, 2)} at ${clock(end.computed_at_ms)}, threshold ${short(threshold)}, peak ${pct(d.max_ratio)} of it`;
  return s('svg', { class: 'sparkline', width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label }, s('title', {}, label), parts);
}

function renderDrift(data) {
  document.getElementById('drift-window').textContent = `${tenantLabel(data.tenant)}, last ${duration(data.minutes)}`;
  const el = content('drift');
  if (data.subjects.length === 0) return replace(el, empty(`No drift statistics yet for ${tenantLabel(data.tenant)} (last ${duration(data.minutes)}): monitors judge minutes once they settle (about an hour for rewards).`));
  const stateOf = (d) => (d.latest.drifted
    ? h('span', { class: 'badge warn', 'data-flag': 'drifting' }, 'drifting')
    : d.drifted_in_window ? h('span', { class: 'badge info', 'data-flag': 'drifted-earlier' }, `drifted earlier (${int(d.drifted_minutes)} min)`) : '–');
  replace(el,
    h('p', { class: 'note' }, `latest judged minute ${stamp(data.computed_at_ms)}`),
    table(['Subject', 'Tenant', 'Monitor', 'Statistic vs threshold (dashed)', { label: 'Latest / threshold', class: 'num' }, { label: 'Peak (of threshold)', class: 'num' }, 'State', 'Judged'],
      data.subjects.map((d) => h('tr', { class: d.latest.drifted ? 'drifted' : d.drifted_in_window ? 'drifted-earlier' : null, 'data-tenant': d.tenant, 'data-monitor': d.monitor, 'data-subject': d.subject },
        h('td', { 'data-field': 'subject' }, d.subject),
        h('td', { 'data-field': 'tenant' }, d.tenant),
        h('td', { 'data-field': 'monitor' }, d.monitor),
        h('td', {}, driftSparkline(d, data.from_ms, data.to_ms)),
        h('td', { class: 'num', 'data-field': 'latest' }, `${fixed(d.latest.statistic, 1)} / ${short(d.latest.threshold)}`),
        h('td', { class: 'num', 'data-field': 'peak' }, pct(d.max_ratio)),
        h('td', { 'data-field': 'state' }, stateOf(d)),
        h('td', { 'data-field': 'judged' }, clock(d.latest.computed_at_ms))))));
}

function renderQuality(data) {
  const rejected = data.rejected.length
    ? table(['Rejected (all tenants): reason', { label: 'Events', class: 'num' }, { label: 'Bytes', class: 'num' }, 'Last'],
      data.rejected.map((r) => h('tr', { 'data-reason': r.reason }, h('td', {}, r.reason), h('td', { class: 'num', 'data-field': 'events' }, int(r.events)), h('td', { class: 'num' }, int(r.bytes)), h('td', {}, clock(r.last_ms)))))
    : empty('No rejected events in the last hour.');
  const late = data.late.length
    ? table([`Late / unknown-turn (${tenantLabel(data.tenant)}): reason`, 'Type', { label: 'Events', class: 'num' }, { label: 'Max lateness', class: 'num' }, 'Last'],
      data.late.map((r) => h('tr', { 'data-reason': r.reason, 'data-type': r.type }, h('td', {}, r.reason), h('td', {}, r.type), h('td', { class: 'num', 'data-field': 'events' }, int(r.events)), h('td', { class: 'num' }, `${fixed(r.max_lateness_ms / 1000, 1)} s`), h('td', {}, clock(r.last_ms)))))
    : empty(`No late events for ${tenantLabel(data.tenant)} in the last hour.`);
  replace(content('quality'), h('div', { 'data-testid': 'rejected' }, rejected), h('div', { class: 'gap' }), h('div', { 'data-testid': 'late' }, late));
}

function renderAlerts(data) {
  const el = content('alerts');
  if (data.alerts.length === 0) return replace(el, empty(`No alerts for ${tenantLabel(data.tenant)} in the last 7 days.`));
  replace(el, table(['Raised', 'Severity', 'Tenant', 'Monitor', 'Subject', 'Message'], data.alerts.map((a) => h('tr', { 'data-alert': a.alert_id },
    h('td', {}, stamp(a.raised_at_ms)), h('td', { class: `severity-${a.severity}` }, a.severity), h('td', {}, a.tenant), h('td', {}, a.monitor), h('td', {}, a.subject), h('td', {}, a.message)))));
}

// ---- refresh loop ------------------------------------------------------------------------------------

function setStatus(text, error) {
  const el = document.getElementById('status');
  el.textContent = text;
  el.className = error ? 'error' : '';
}

async function refresh() {
  clearTimeout(timer);
  const mine = ++generation;
  try {
    renderTenants(await api('/api/tenants'));
    const tenant = state.tenant;
    const p = { tenant, minutes: state.minutes };
    const [models, series, ratings, effects, drift, quality, alerts] = await Promise.all([
      api('/api/models', p),
      api('/api/series', p),
      api('/api/ratings', { tenant, scope: state.ratingScope, method: state.ratingMethod }),
      api('/api/effects', { tenant, window: state.effectWindow }),
      api('/api/drift', { tenant, minutes: Math.min(1440, Math.max(DRIFT_MINUTES, state.minutes)) }),
      api('/api/quality', { tenant }),
      api('/api/alerts', { tenant }),
    ]);
    if (mine !== generation) return; // a newer refresh (e.g. the tenant changed) owns the page
    renderModels(models);
    renderSeries(series);
    renderSignals(models);
    renderUnsafe(models);
    renderRatings(ratings);
    renderEffects(effects);
    renderDrift(drift);
    renderQuality(quality);
    renderAlerts(alerts);
    refreshes++;
    document.body.dataset.tenant = tenant;
    document.body.dataset.refreshes = String(refreshes);
    setStatus(`updated ${new Date().toLocaleTimeString()}`, false);
  } catch (error) {
    if (mine === generation) setStatus(`not updated: ${error.message}`, true);
  } finally {
    if (mine === generation) timer = setTimeout(refresh, REFRESH_MS);
  }
}

function remember() {
  const q = new URLSearchParams();
  if (state.tenant !== null) q.set('tenant', state.tenant);
  if (state.minutes !== 15) q.set('minutes', String(state.minutes));
  if (state.ratingScope) q.set('scope', state.ratingScope);
  if (state.ratingMethod) q.set('method', state.ratingMethod);
  if (state.effectWindow) q.set('window', state.effectWindow);
  history.replaceState(null, '', `${location.pathname}?${q}`);
}

function onChange(id, apply) {
  document.getElementById(id).addEventListener('change', (event) => {
    apply(event.target.value);
    remember();
    void refresh();
  });
}

onChange('tenant', (v) => {
  state.tenant = v;
  // The tenant picks its own rating scope and effect segment unless one was chosen for it.
  state.ratingScope = '';
  state.ratingMethod = '';
});
onChange('minutes', (v) => (state.minutes = Number(v)));
onChange('rating-scope', (v) => (state.ratingScope = v));
onChange('rating-method', (v) => (state.ratingMethod = v));
onChange('effect-window', (v) => (state.effectWindow = v));
const minutesSelect = document.getElementById('minutes');
if (![...minutesSelect.options].some((o) => o.value === String(state.minutes))) minutesSelect.append(h('option', { value: state.minutes }, `last ${state.minutes} min`));
minutesSelect.value = String(state.minutes);
void refresh();
