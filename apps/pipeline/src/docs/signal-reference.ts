import { SIGNAL_KINDS } from '@prefstream/signals';

/** Markdown table of every implicit signal with its polarity and default reward weight (the README includes it; a test checks). */
export function renderSignalReference(): string {
  const sign = (p: number) => (p > 0 ? '+' : p < 0 ? '-' : '0');
  const rows = Object.entries(SIGNAL_KINDS).map(([kind, s]) => `| \`${kind}\` | ${sign(s.polarity)} | ${s.weight} | ${s.description} |`);
  return ['| signal | polarity | default weight | definition |', '|---|---|---|---|', ...rows].join('\n');
}
