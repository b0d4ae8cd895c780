#!/usr/bin/env node
// The `prefstream` command: runs the CLI's TypeScript sources through tsx (no build step), resolving the
// workspace's @prefstream/* aliases from tsconfig.base.json wherever it is called from.
const path = require('node:path');
const root = path.join(__dirname, '..', '..', '..');
process.env.TSX_TSCONFIG_PATH = process.env.TSX_TSCONFIG_PATH || path.join(root, 'tsconfig.base.json');
require('tsx/cjs/api').register();
require(path.join(root, 'apps', 'pipeline', 'src', 'main.ts'));
