import fs from 'node:fs';
import path from 'node:path';
import { renderConfigReference } from '../config';
import { renderSignalReference } from './signal-reference';

const readme = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');

// The README's reference tables are generated from the code; these keep them from drifting apart.
describe('README', () => {
  it('lists every signal with its polarity and default weight as the engine defines them', () => {
    expect(readme).toContain(renderSignalReference());
  });
  it('documents every setting', () => {
    expect(readme).toContain(renderConfigReference());
  });
  it('names every command the CLI registers', async () => {
    const { COMMANDS } = await import('../commands/registry');
    for (const name of Object.keys(COMMANDS)) expect(readme).toContain(`prefstream ${name}`);
  });
});
