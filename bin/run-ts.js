#!/usr/bin/env node
// Runs a TypeScript entry point of this workspace through tsx, resolving the @prefstream/* path aliases
// from tsconfig.base.json whatever the current directory is. The entry runs as the main module, so
// `require.main === module` holds in it.
const path = require('node:path');
const Module = require('node:module');
process.env.TSX_TSCONFIG_PATH = process.env.TSX_TSCONFIG_PATH || path.join(__dirname, '..', 'tsconfig.base.json');
require('tsx/cjs/api').register();
const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: run-ts.js <file.ts> [args...]');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...rest];
Module._load(path.resolve(entry), null, true);
