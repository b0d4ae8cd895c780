import { windowLabel } from '@prefstream/stats';
import { DEFAULT_EFFECT_WINDOWS, EffectsRefresher } from '../analysis/effects-refresher';
import type { EffectsReport } from '../analysis/effects-report';
import { UsageError, type CliCommand } from '../command';
import { loadConfig } from '../config';
import { openConfiguredStore } from '../store-from-config';
import { renderTable } from './query.command';

const fixed = (x: number) => x.toFixed(3);

function renderEffects(report: EffectsReport): string {
  const lines = [`${report.votes} votes with response features; features fitted: ${report.features.join(', ') || '(none)'}`];
  if (report.dropped.length > 0) lines.push(`left out (fewer than ${report.min_support} votes differ in them): ${report.dropped.map((d) => `${d.feature} (${d.support})`).join(', ')}`);
  lines.push('coef: log-odds of being preferred per typical difference (the RMS of (A - B) / (A + B + 1) given as scale)');
  for (const table of report.tables) {
    lines.push('', `${table.segment}, ${table.window}: ${table.n} votes`);
    lines.push(renderTable(table.effects.map((e) => ({ feature: e.feature, coef: fixed(e.coef), '95% interval': `${fixed(e.ci_low)} .. ${fixed(e.ci_high)}`, se: fixed(e.se), scale: fixed(e.scale) }))).trimEnd());
  }
  return lines.join('\n') + '\n';
}

/**
 * Refreshes the per-feature preference effects from the stored votes (writing effect_snapshots) and
 * prints them: globally and per segment with enough votes, for each window.
 */
export const effectsCommand: CliCommand = {
  name: 'effects',
  summary: 'Fit per-feature preference effects (which response properties win votes) from the stored votes',
  usage: 'prefstream effects [--store DIR | --clickhouse-url URL] [--segment S] [--window cumulative|sliding:60m] [--json]',
  usesConfig: true,
  options: { segment: { type: 'string' }, window: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, env, stdout }) {
    const windows = DEFAULT_EFFECT_WINDOWS.map(windowLabel);
    if (values.window !== undefined && !windows.includes(values.window as string)) throw new UsageError(`--window must be one of ${windows.join(', ')} (got ${JSON.stringify(values.window)})`);
    const config = loadConfig({ flags: values, env, file: values.config as string | undefined });
    const store = await openConfiguredStore(config);
    let report: EffectsReport;
    try {
      const refresher = new EffectsRefresher(store);
      await refresher.refresh();
      report = refresher.report();
    } finally {
      await store.close();
    }
    const keep = (t: EffectsReport['tables'][number]) => (values.segment === undefined || t.segment === values.segment) && (values.window === undefined || t.window === values.window);
    report = { ...report, tables: report.tables.filter(keep) };
    stdout.write(values.json ? JSON.stringify(report) + '\n' : renderEffects(report));
    return 0;
  },
};
