// Lint rules for the whole workspace. The Nx module-boundary rule keeps dependency directions one way:
// domain libs (events, signals, features, stats, processing) import no I/O library, and each I/O client
// has exactly one adapter lib that may import it.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const kafkaClients = ['kafkajs'];
const clickhouseClients = ['chdb', '@clickhouse/*'];
const modelRuntimes = ['onnxruntime-node'];
const networkModules = ['node:net', 'net', 'node:http', 'http', 'node:https', 'https', 'node:child_process', 'child_process'];
const allIoClients = [...kafkaClients, ...clickhouseClients, ...modelRuntimes];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/tmp/**', '**/.nx/**', '**/coverage/**'] },
  ...tseslint.configs.recommended,
  { files: ['**/*.js', '**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    plugins: { '@nx': nx },
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:util'], bannedExternalImports: [...allIoClients, ...networkModules] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'], bannedExternalImports: [...allIoClients, ...networkModules] },
            { sourceTag: 'type:io-kafka', onlyDependOnLibsWithTags: ['type:domain', 'type:util'], bannedExternalImports: [...clickhouseClients, ...modelRuntimes] },
            { sourceTag: 'type:io-clickhouse', onlyDependOnLibsWithTags: ['type:domain', 'type:util'], bannedExternalImports: [...kafkaClients, ...modelRuntimes] },
            { sourceTag: 'type:io-models', onlyDependOnLibsWithTags: ['type:domain', 'type:util'], bannedExternalImports: [...kafkaClients, ...clickhouseClients] },
            { sourceTag: 'type:io', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:io'], bannedExternalImports: allIoClients },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:io', 'type:io-clickhouse', 'type:io-kafka', 'type:io-models'], bannedExternalImports: allIoClients },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:util', 'type:io', 'type:io-kafka', 'type:io-clickhouse', 'type:io-models', 'type:testing'], bannedExternalImports: allIoClients },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['*'], bannedExternalImports: allIoClients },
          ],
        },
      ],
    },
  },
  {
    // Tests talk to the real systems (kafkajs to the dev broker, chdb, @clickhouse/client over HTTP),
    // so spec files may import any client; production code may not.
    files: ['**/*.spec.ts', '**/*.test.ts', '**/test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, depConstraints: [{ sourceTag: '*', onlyDependOnLibsWithTags: ['*'] }] }],
    },
  },
];
