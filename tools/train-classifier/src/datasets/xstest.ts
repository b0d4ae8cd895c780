import path from 'node:path';
import { parseCsvObjects } from '@prefstream/models';
import { datasetsDir, readSource, type LoadedData } from './training-row';

/** The three models whose XSTest completions were labelled by hand. */
export const XSTEST_COMPLETION_SOURCES = ['llama2orig', 'llama2new', 'mistralinstruct'] as const;
export type XstestCompletionSource = (typeof XSTEST_COMPLETION_SOURCES)[number];

/** "1_full_compliance" -> "full_compliance". */
export function refusalLabel(finalLabel: string): string {
  const label = finalLabel.replace(/^\d+_/, '');
  if (!['full_compliance', 'full_refusal', 'partial_refusal'].includes(label)) throw new Error(`unexpected XSTest final_label "${finalLabel}"`);
  return label;
}

/** Completions of the given models, labelled full_compliance / full_refusal / partial_refusal. */
export function loadXstestCompletions(sources: readonly XstestCompletionSource[]): LoadedData {
  const data: LoadedData = { rows: [], sources: [] };
  for (const name of sources) {
    const { text, source } = readSource(path.join(datasetsDir(), 'xstest', `completions_${name}.csv`));
    const records = parseCsvObjects(text);
    for (const r of records) data.rows.push({ id: `${name}:${r['id']}`, text: r['completion']!, label: refusalLabel(r['final_label']!) });
    data.sources.push({ ...source, rows: records.length });
  }
  return data;
}

/** XSTest prompts labelled safe / unsafe (250 / 200). */
export function loadXstestPrompts(): LoadedData {
  const { text, source } = readSource(path.join(datasetsDir(), 'xstest', 'prompts.csv'));
  const records = parseCsvObjects(text);
  const rows = records.map((r) => ({ id: `xstest-prompt:${r['id']}`, text: r['prompt']!, label: r['label']! }));
  return { rows, sources: [{ ...source, rows: records.length }] };
}
