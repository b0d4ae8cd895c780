import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadMigrations, splitStatements } from './migrations';
import { withReadonlySetting } from './readonly-sql';
import { toClickHouseError } from './clickhouse-error';

describe('migration files', () => {
  it('are numbered from 1 without gaps, each with up and down', () => {
    const migrations = loadMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    for (const m of migrations) expect(m.up.length && m.down.length).toBeTruthy();
  });

  it('split into statements without comments', () => {
    expect(splitStatements('-- a comment; with a semicolon\nCREATE TABLE a (x UInt8) ENGINE = Memory;\n\nDROP TABLE b;')).toEqual(['CREATE TABLE a (x UInt8) ENGINE = Memory', 'DROP TABLE b']);
  });

  it('refuse a gap or a missing down file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mig-'));
    fs.writeFileSync(path.join(dir, '0001_a.up.sql'), 'SELECT 1;');
    fs.writeFileSync(path.join(dir, '0001_a.down.sql'), 'SELECT 1;');
    fs.writeFileSync(path.join(dir, '0003_c.up.sql'), 'SELECT 1;');
    expect(() => loadMigrations(dir)).toThrow(/numbered 1, 2, 3/);
    fs.renameSync(path.join(dir, '0003_c.up.sql'), path.join(dir, '0002_c.up.sql'));
    expect(() => loadMigrations(dir)).toThrow(/needs both .up.sql and .down.sql/);
  });
});

describe('withReadonlySetting', () => {
  it('adds readonly to a new or an existing SETTINGS clause', () => {
    expect(withReadonlySetting('SELECT 1;')).toBe('SELECT 1\nSETTINGS readonly = 1');
    expect(withReadonlySetting('SELECT 1 SETTINGS max_threads = 2')).toBe('SELECT 1 SETTINGS max_threads = 2, readonly = 1');
  });
});

describe('toClickHouseError', () => {
  it('classifies by ClickHouse code and by network failure', () => {
    expect(toClickHouseError({ message: 'Code: 252. DB::Exception: Too many parts' }, 'insert')).toMatchObject({ clickhouseCode: 252, retriable: true });
    expect(toClickHouseError({ code: '60', message: 'Unknown table' }, 'q')).toMatchObject({ clickhouseCode: 60, retriable: false });
    expect(toClickHouseError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), { code: 'ECONNREFUSED' }), 'q')).toMatchObject({ retriable: true, code: 'CLICKHOUSE_UNAVAILABLE' });
    expect(toClickHouseError(new Error('something odd'), 'q')).toMatchObject({ retriable: false });
  });
});
