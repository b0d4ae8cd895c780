#!/usr/bin/env node
// Adds lock-file entries for platform-specific optional dependencies that the npm registry mirror used
// here does not serve (e.g. macOS builds of chdb's libchdb). `npm install` then leaves them out of
// package-lock.json, and `npm ci` refuses a lock that lacks them. The entries carry the package's
// os/cpu, so npm skips them on other platforms without fetching; on the platform they are for, npm
// installs them from the public registry as usual. Run after `npm install`:
//   node tools/scripts/complete-lock-optionals.mjs
import fs from 'node:fs';

const lockPath = new URL('../../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const packages = lock.packages;
const platformOf = (name) => {
  const os = ['darwin', 'win32', 'linux', 'freebsd', 'android', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'].find((o) => name.includes(o)) ?? (name.includes('wasm') ? undefined : undefined);
  const cpu = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 's390x', 'riscv64', 'wasm32'].find((c) => new RegExp(`[-_]${c}([-_]|$)`).test(name));
  return { os, cpu };
};
let added = 0;
for (const [where, meta] of Object.entries(packages)) {
  for (const [dep, spec] of Object.entries(meta.optionalDependencies ?? {})) {
    const base = where === '' ? '' : `${where}/`;
    const candidates = [`${base}node_modules/${dep}`, `node_modules/${dep}`];
    if (candidates.some((c) => packages[c])) continue;
    const version = String(spec).replace(/^[\^~=]/, '');
    if (!/^\d+\.\d+\.\d+/.test(version)) {
      console.warn(`skipping ${dep}@${spec}: not an exact version`);
      continue;
    }
    const { os, cpu } = platformOf(dep);
    packages[`node_modules/${dep}`] = { version, optional: true, ...(os ? { os: [os] } : {}), ...(cpu ? { cpu: [cpu] } : {}) };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
fs.writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`added ${added} placeholder entries`);
