import path from 'node:path';
import { readSource, type LoadedData } from './training-row';

/** A labelled JSONL file, one `{"text": ..., "label": ...}` per line (an optional "id" is kept). */
export function loadLabelledJsonl(file: string): LoadedData {
  const { text, source } = readSource(path.resolve(file));
  const rows: LoadedData['rows'] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new Error(`${file}:${i + 1}: not JSON (${(error as Error).message})`);
    }
    const { text: t, label, id } = parsed as { text?: unknown; label?: unknown; id?: unknown };
    if (typeof t !== 'string' || typeof label !== 'string' || label === '') throw new Error(`${file}:${i + 1}: expected {"text": string, "label": non-empty string}`);
    rows.push({ id: typeof id === 'string' || typeof id === 'number' ? String(id) : `line:${i + 1}`, text: t, label });
  }
  if (new Set(rows.map((r) => r.id)).size !== rows.length) throw new Error(`${file}: ids must be unique`);
  return { rows, sources: [{ ...source, rows: rows.length }] };
}
