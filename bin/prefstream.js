#!/usr/bin/env node
// The `prefstream` command: runs the CLI's TypeScript sources through tsx (no build step).
const path = require('node:path');
process.env.TSX_TSCONFIG_PATH = process.env.TSX_TSCONFIG_PATH || path.join(__dirname, '..', 'tsconfig.base.json');
require('tsx/cjs/api').register();
require(path.join(__dirname, '..', 'apps', 'pipeline', 'src', 'main.ts'));
