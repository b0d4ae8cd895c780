import { RatingsRefresher } from '../analysis/ratings-refresher';
import { ratingScope } from '../analysis/rating-scopes';
import type { RatingsReport } from '../analysis/ratings-report';
import { UsageError, type CliCommand } from '../command';
import { loadConfig } from '../config';
import { openConfiguredStore } from '../store-from-config';
import { renderTable } from './query.command';

const fixed = (x: number, digits = 1) => x.toFixed(digits);

function renderRatings(report: RatingsReport): string {
  const lines = [`${report.scope}: ${report.votes} votes, Bradley-Terry gradient norm ${report.gradient_norm === null ? '-' : report.gradient_norm.toExponential(1)}`];
  const elo = new Map(report.elo.map((e) => [e.model, e.rating]));
  lines.push(renderTable(report.models.map((m) => ({
    rank: m.rank, model: m.model, rating: fixed(m.rating), '95% interval': `${fixed(m.ci_low)} .. ${fixed(m.ci_high)}`, votes: m.votes, 'online elo': elo.has(m.model) ? fixed(elo.get(m.model)!) : '-',
  }))).trimEnd());
  if (!report.style) lines.push('style control: no vote in this scope carries both responses, so there is no style to control for');
  else {
    lines.push(`style control over ${report.style.votes} votes with response text (gradient norm ${report.style.gradient_norm?.toExponential(1) ?? '-'}):`);
    lines.push(renderTable(report.style.models.map((m) => ({ rank: m.rank, model: m.model, 'controlled rating': fixed(m.rating), votes: m.votes }))).trimEnd());
    lines.push(renderTable(report.style.coefficients.map((c) => ({ feature: c.feature, coef: fixed(c.coef, 3), '95% interval': `${fixed(c.ci_low, 3)} .. ${fixed(c.ci_high, 3)}` }))).trimEnd());
  }
  return lines.join('\n') + '\n';
}

/**
 * Refreshes the pairwise ratings from the stored votes (writing their snapshots) and prints one scope:
 * Bradley-Terry with bootstrap intervals and ranks by interval, online Elo beside it, and style control.
 */
export const ratingsCommand: CliCommand = {
  name: 'ratings',
  summary: 'Fit pairwise ratings (Bradley-Terry with intervals, Elo, style control) from the stored votes',
  usage: 'prefstream ratings [--store DIR | --clickhouse-url URL] [--anony] [--tenant T] [--bootstrap-rounds N] [--json]',
  usesConfig: true,
  options: { anony: { type: 'boolean' }, tenant: { type: 'string' }, 'bootstrap-rounds': { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, env, stdout }) {
    const rounds = values['bootstrap-rounds'] === undefined ? 1000 : Number(values['bootstrap-rounds']);
    if (!(Number.isInteger(rounds) && rounds >= 1)) throw new UsageError(`--bootstrap-rounds must be a positive integer (got ${String(values['bootstrap-rounds'])})`);
    const scope = ratingScope({ tenant: values.tenant as string | undefined, anonymousOnly: values.anony === true });
    const config = loadConfig({ flags: values, env, file: values.config as string | undefined });
    const store = await openConfiguredStore(config);
    let report: RatingsReport;
    try {
      const refresher = new RatingsRefresher(store, { bootstrapRounds: rounds });
      await refresher.refresh();
      report = refresher.report(scope);
    } finally {
      await store.close();
    }
    stdout.write(values.json ? JSON.stringify(report) + '\n' : renderRatings(report));
    return 0;
  },
};
