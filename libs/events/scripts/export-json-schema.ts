// Writes docs/schemas/v1/<type>.json from the zod contract: `node bin/run-ts.js libs/events/scripts/export-json-schema.ts`.
// A test fails when the committed files differ from what this prints, so run it after changing the contract.
import fs from 'node:fs';
import path from 'node:path';
import { eventJsonSchemas } from '../src/index';

export const SCHEMA_DIR = path.join(__dirname, '..', '..', '..', 'docs', 'schemas', 'v1');

export function renderSchemaFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [type, schema] of Object.entries(eventJsonSchemas())) files[`${type}.json`] = JSON.stringify(schema, null, 2) + '\n';
  return files;
}

if (require.main === module) {
  fs.mkdirSync(SCHEMA_DIR, { recursive: true });
  for (const [name, text] of Object.entries(renderSchemaFiles())) fs.writeFileSync(path.join(SCHEMA_DIR, name), text);
  console.log(`wrote ${SCHEMA_DIR}`);
}
