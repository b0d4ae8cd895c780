// `npm run bench [-- --quick] [-- --only a,b] [-- --out FILE] [-- --soak-minutes N]`: runs the benchmarks, prints one JSON
// object per benchmark on stdout and writes a Markdown summary (default tmp/bench/summary.md).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCHMARKS } from './benchmarks/registry';
import { machine, runBenchmark, type BenchmarkResult } from './run-benchmarks';
import { renderMarkdown } from './render-markdown';

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { quick: { type: 'boolean' }, only: { type: 'string' }, out: { type: 'string' }, list: { type: 'boolean' }, 'soak-minutes': { type: 'string' } } });
  if (values.list) {
    for (const [name, make] of Object.entries(BENCHMARKS)) console.log(`${name}: ${make().description}`);
    return 0;
  }
  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((n) => !BENCHMARKS[n]);
  if (unknown?.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
    return 2;
  }
  const soakMinutes = values['soak-minutes'] === undefined ? undefined : Number(values['soak-minutes']);
  if (soakMinutes !== undefined && !(soakMinutes > 0)) {
    console.error(`--soak-minutes must be a positive number, got ${JSON.stringify(values['soak-minutes'])}`);
    return 2;
  }
  const context = { quick: values.quick ?? false, soakMinutes };
  const results: BenchmarkResult[] = [];
  for (const [name, make] of Object.entries(BENCHMARKS)) {
    if (only && !only.includes(name)) continue;
    const result = await runBenchmark(make(), context);
    results.push(result);
    process.stdout.write(JSON.stringify(result) + '\n');
  }
  const out = values.out ?? path.join(__dirname, '..', '..', '..', 'tmp', 'bench', 'summary.md');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, renderMarkdown(results, { ...machine(), mode: context.quick ? 'quick' : 'full' }));
  process.stderr.write(`summary written to ${out}\n`);
  return results.some((r) => r.error) ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
