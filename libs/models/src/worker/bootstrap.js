// Plain-JS entry of the inference worker thread. A worker starts with a fresh module system: neither
// jest's ts-jest transform nor the parent's tsx hook reaches it. So: if a compiled inference-worker.js
// sits next to this file (a built package), load it; otherwise register tsx (with the workspace
// tsconfig for path aliases) and load the TypeScript source. One entry for jest, tsx and the CLI.
const fs = require('node:fs');
const path = require('node:path');

const compiled = path.join(__dirname, 'inference-worker.js');
if (fs.existsSync(compiled)) {
  require(compiled);
} else {
  process.env.TSX_TSCONFIG_PATH = process.env.TSX_TSCONFIG_PATH || path.join(__dirname, '..', '..', '..', '..', 'tsconfig.base.json');
  require('tsx/cjs/api').register();
  require('./inference-worker.ts');
}
