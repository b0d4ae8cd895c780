#!/usr/bin/env node
// Scaffolds an Nx project (lib, app or tool) with the workspace conventions:
//   node tools/scripts/new-project.mjs libs/monitors type:domain "Drift and preference-shift monitors"
// Writes project.json (lint, typecheck, test targets), tsconfig.json, jest.config.js and src/index.ts,
// and adds the @prefstream/<name> path alias for libs.
import fs from 'node:fs';
import path from 'node:path';

const [dir, tag, description = ''] = process.argv.slice(2);
if (!dir || !tag || !/^(libs|apps|tools)\/[a-z0-9-]+$/.test(dir) || !tag.startsWith('type:')) {
  console.error('usage: new-project.mjs <libs|apps|tools>/<name> <type:tag> ["description"]');
  process.exit(2);
}
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const abs = path.join(root, dir);
const name = path.basename(dir);
const up = path.relative(abs, root) || '.';
const write = (file, text) => {
  const target = path.join(abs, file);
  if (fs.existsSync(target)) return;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text);
};
const projectName = dir.startsWith('libs/') ? name : `${dir.split('/')[0].replace(/s$/, '')}-${name}`;
write('project.json', JSON.stringify({
  name: projectName,
  $schema: `${up}/node_modules/nx/schemas/project-schema.json`,
  sourceRoot: `${dir}/src`,
  projectType: dir.startsWith('apps/') ? 'application' : 'library',
  tags: [tag],
  targets: {
    lint: { executor: 'nx:run-commands', options: { command: `eslint ${dir}`, cwd: '{workspaceRoot}' } },
    typecheck: { executor: 'nx:run-commands', options: { command: `tsc -p ${dir}/tsconfig.json --noEmit`, cwd: '{workspaceRoot}' } },
    test: { executor: 'nx:run-commands', options: { command: `jest --config ${dir}/jest.config.js --passWithNoTests`, cwd: '{workspaceRoot}' } },
  },
}, null, 2) + '\n');
write('tsconfig.json', JSON.stringify({ extends: `${up}/tsconfig.base.json`, include: ['src/**/*.ts', 'test/**/*.ts'] }, null, 2) + '\n');
write('jest.config.js', `module.exports = {\n  ...require('${up}/jest.preset.js'),\n  displayName: '${projectName}',\n  rootDir: __dirname,\n};\n`);
write('src/index.ts', `// Public API of ${dir}${description ? `: ${description}` : ''}.\nexport {};\n`);
if (dir.startsWith('libs/')) {
  const basePath = path.join(root, 'tsconfig.base.json');
  const base = JSON.parse(fs.readFileSync(basePath, 'utf8'));
  const alias = `@prefstream/${name}`;
  if (!base.compilerOptions.paths[alias]) {
    base.compilerOptions.paths[alias] = [`${dir}/src/index.ts`];
    base.compilerOptions.paths = Object.fromEntries(Object.entries(base.compilerOptions.paths).sort(([a], [b]) => a.localeCompare(b)));
    fs.writeFileSync(basePath, JSON.stringify(base, null, 2) + '\n');
  }
}
console.log(`created ${dir} (${projectName}, ${tag})`);
