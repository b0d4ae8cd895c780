import fs from 'node:fs';
import path from 'node:path';
import { PrefstreamError } from '@prefstream/errors';
import type { Store } from './store';

export interface Migration {
  version: number;
  name: string;
  up: string[];
  down: string[];
}

export const MIGRATIONS_DIR = path.join(__dirname, '..', 'migrations');
const FILE = /^(\d{4})_([a-z0-9_]+)\.(up|down)\.sql$/;

/** Splits a migration file into statements: `--` comment lines dropped, statements end with `;` at a line end. */
export function splitStatements(sql: string): string[] {
  const body = sql.split('\n').filter((line) => !line.trimStart().startsWith('--')).join('\n');
  return body.split(/;\s*(?:\n|$)/).map((s) => s.trim()).filter(Boolean);
}

/** Reads numbered up/down pairs; refuses gaps, duplicates and a missing half. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const byVersion = new Map<number, Partial<Migration> & { files: Set<string> }>();
  for (const file of fs.readdirSync(dir)) {
    const match = FILE.exec(file);
    if (!match) continue;
    const version = Number(match[1]);
    const entry = byVersion.get(version) ?? { version, name: match[2], files: new Set<string>() };
    if (entry.name !== match[2]) throw new Error(`migration ${version} has two names: ${entry.name} and ${match[2]}`);
    entry[match[3] as 'up' | 'down'] = splitStatements(fs.readFileSync(path.join(dir, file), 'utf8'));
    entry.files.add(match[3]);
    byVersion.set(version, entry);
  }
  const migrations = [...byVersion.values()].sort((a, b) => a.version! - b.version!);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations must be numbered 1, 2, 3...; found ${m.version} at position ${i + 1}`);
    if (!m.up || !m.down) throw new Error(`migration ${m.version}_${m.name} needs both .up.sql and .down.sql`);
  });
  return migrations as Migration[];
}

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations
(version UInt32, name String, direction Enum8('up' = 1, 'down' = 2), seq UInt64, applied_at DateTime64(3, 'UTC'))
ENGINE = MergeTree ORDER BY seq`;

/** Versions whose latest ledger entry is `up`, ascending. */
export async function appliedVersions(store: Store): Promise<number[]> {
  await store.exec(LEDGER);
  const rows = await store.query<{ version: number }>(
    `SELECT version FROM schema_migrations GROUP BY version HAVING argMax(direction, seq) = 'up' ORDER BY version`,
  );
  return rows.map((r) => Number(r.version));
}

async function record(store: Store, migration: Migration, direction: 'up' | 'down'): Promise<void> {
  const [{ next }] = await store.query<{ next: string }>('SELECT toString(max(seq) + 1) AS next FROM schema_migrations');
  await store.insert('schema_migrations', [{ version: migration.version, name: migration.name, direction, seq: next, applied_at: Date.now() }]);
}

function refuseNewer(applied: number[], known: Migration[]): void {
  const newest = known.length;
  const unknown = applied.filter((v) => v > newest);
  if (unknown.length) {
    throw new PrefstreamError(
      `the store's schema has migration ${Math.max(...unknown)}, newer than this prefstream knows (${newest}); upgrade prefstream, or run the newer version's \`prefstream migrate --down ${newest}\``,
      { code: 'SCHEMA_TOO_NEW', retriable: false },
    );
  }
}

/** Applies pending migrations up to `target` (default: all). Returns the versions applied. */
export async function migrate(store: Store, options: { target?: number; migrations?: Migration[] } = {}): Promise<number[]> {
  const known = options.migrations ?? loadMigrations();
  const applied = new Set(await appliedVersions(store));
  refuseNewer([...applied], known);
  const target = options.target ?? known.length;
  const done: number[] = [];
  for (const migration of known) {
    if (migration.version > target || applied.has(migration.version)) continue;
    for (const statement of migration.up) await store.exec(statement);
    await record(store, migration, 'up');
    done.push(migration.version);
  }
  return done;
}

/** Rolls back applied migrations above `target`, newest first. Returns the versions rolled back. */
export async function migrateDown(store: Store, options: { target: number; migrations?: Migration[] }): Promise<number[]> {
  const known = options.migrations ?? loadMigrations();
  const applied = await appliedVersions(store);
  refuseNewer(applied, known);
  const done: number[] = [];
  for (const version of [...applied].reverse()) {
    if (version <= options.target) break;
    const migration = known[version - 1];
    for (const statement of migration.down) await store.exec(statement);
    await record(store, migration, 'down');
    done.push(version);
  }
  return done;
}

/** Sets the raw-events retention from config (an integer of days, validated, so safe to inline). */
export async function applyRetention(store: Store, options: { rawEventsDays: number }): Promise<void> {
  const days = options.rawEventsDays;
  if (!Number.isInteger(days) || days < 1 || days > 36500) throw new Error(`raw events retention must be 1..36500 days, got ${days}`);
  await store.exec(`ALTER TABLE raw_events MODIFY TTL toDateTime(ts) + INTERVAL ${days} DAY`);
}
