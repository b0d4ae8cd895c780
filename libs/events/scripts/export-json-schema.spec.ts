import fs from 'node:fs';
import path from 'node:path';
import { renderSchemaFiles, SCHEMA_DIR } from './export-json-schema';

describe('docs/schemas/v1', () => {
  it('is exactly what the zod contract generates (run libs/events/scripts/export-json-schema.ts after a change)', () => {
    for (const [name, text] of Object.entries(renderSchemaFiles())) {
      expect(fs.readFileSync(path.join(SCHEMA_DIR, name), 'utf8')).toBe(text);
    }
  });

  it('describes every field and marks the required envelope fields', () => {
    const turn = JSON.parse(renderSchemaFiles()['turn.json']);
    expect(turn.required).toEqual(expect.arrayContaining(['event_id', 'ts', 'tenant', 'conversation_id', 'type', 'turn_id', 'prompt', 'response', 'model', 'model_version']));
    expect(turn.required).not.toContain('schema_version');
    expect(turn.properties.response.maxLength).toBe(200000);
  });
});
