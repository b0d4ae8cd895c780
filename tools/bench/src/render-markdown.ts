import type { BenchmarkResult } from './run-benchmarks';

const fmt = (n: number | undefined, digits = 0) => (n === undefined || !Number.isFinite(n) ? '' : n.toLocaleString('en-US', { maximumFractionDigits: digits }));

/** A Markdown table of a run, for docs/benchmarks.md. */
export function renderMarkdown(results: BenchmarkResult[], meta: Record<string, unknown>): string {
  const lines = [
    `Run: ${new Date().toISOString()} - ${Object.entries(meta).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    '',
    '| benchmark | ops/s (median, min-max) | p50 ms | p99 ms | baseline (ops/s unless the ratio says) | ratio (median, min-max) | target | RSS MB |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    if (r.error) {
      lines.push(`| ${r.name} | error: ${r.error.split('\n')[0]} | | | | | | |`);
      continue;
    }
    const ops = r.subject.opsPerSec;
    const base = r.baseline?.metrics[r.ratioMetric ?? 'opsPerSec'];
    const target = [
      r.target ? `${r.target.note}: ${r.target.met === undefined ? 'n/a' : r.target.met ? 'met' : 'MISSED'}` : '',
      r.ratioTarget ? `ratio >= ${r.ratioTarget.atLeast}: ${r.ratioTarget.met === undefined ? 'n/a' : r.ratioTarget.met ? 'met' : 'MISSED'}` : '',
    ].filter(Boolean).join('; ');
    lines.push(`| ${r.name} | ${ops ? `${fmt(ops.median)} (${fmt(ops.min)}-${fmt(ops.max)})` : ''} | ${fmt(r.p50Ms, 2)} | ${fmt(r.p99Ms, 2)} | ${base ? `${fmt(base.median)} (${r.baseline!.name})` : ''} | ${r.ratio ? `${fmt(r.ratio.median, 3)} (${fmt(r.ratio.min, 3)}-${fmt(r.ratio.max, 3)})${r.ratioMetric ? ` of ${r.ratioMetric}` : ''}` : ''} | ${target} | ${r.rssMb} |`);
    const extras = Object.entries(r.subject).filter(([k]) => !['opsPerSec', 'p50Ms', 'p99Ms'].includes(k));
    if (extras.length) lines.push(`| &nbsp;&nbsp;${r.name} extras | ${extras.map(([k, v]) => `${k} ${fmt(v.median, 2)}`).join(', ')} | | | | | | |`);
  }
  return lines.join('\n') + '\n';
}
