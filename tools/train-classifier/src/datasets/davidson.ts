import path from 'node:path';
import { parseCsvObjects } from '@prefstream/models';
import { datasetsDir, readSource, type LoadedData } from './training-row';

export const DAVIDSON_LABELS = ['hate', 'offensive', 'neither'] as const;

/** Davidson et al. tweets; `class` 0/1/2 is the annotators' majority: hate / offensive / neither. */
export function loadDavidson(): LoadedData {
  const { text, source } = readSource(path.join(datasetsDir(), 'davidson', 'labeled_data.csv'));
  const records = parseCsvObjects(text);
  const rows = records.map((r) => {
    const label = DAVIDSON_LABELS[Number(r['class'])];
    if (!label) throw new Error(`Davidson row ${r['']}: unexpected class "${r['class']}"`);
    return { id: `davidson:${r['']}`, text: r['tweet']!, label };
  });
  return { rows, sources: [{ ...source, rows: records.length }] };
}
