import fs from 'node:fs';
import { FEATURES, CLASSIFIER_SCORE_NAMES } from '../src';
import { BEGIN, DOC_PATH, END, renderGeneratedSection } from '../scripts/feature-docs';

describe('docs/features.md', () => {
  const doc = fs.existsSync(DOC_PATH) ? fs.readFileSync(DOC_PATH, 'utf8') : '';

  it('exists', () => expect(doc).not.toBe(''));

  it('has a row for every registered feature and classifier score', () => {
    const missing = [...FEATURES.map((f) => f.name), ...CLASSIFIER_SCORE_NAMES].filter((name) => !doc.includes(`| \`${name}\` |`));
    expect(missing).toEqual([]);
  });

  it('its generated table is current (run libs/features/scripts/generate-docs.ts after changing a feature)', () => {
    const section = doc.slice(doc.indexOf(BEGIN), doc.indexOf(END) + END.length);
    expect(section).toBe(renderGeneratedSection());
  });
});
