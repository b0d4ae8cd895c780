// Rewrites the feature table in docs/features.md from the registry.
//   node bin/run-ts.js libs/features/scripts/generate-docs.ts
import fs from 'node:fs';
import { DOC_PATH, withGeneratedSection } from './feature-docs';

const before = fs.existsSync(DOC_PATH) ? fs.readFileSync(DOC_PATH, 'utf8') : '# Response and prompt features (libs/features)\n';
const after = withGeneratedSection(before);
fs.writeFileSync(DOC_PATH, after);
console.log(before === after ? `${DOC_PATH} is up to date` : `${DOC_PATH} rewritten`);
