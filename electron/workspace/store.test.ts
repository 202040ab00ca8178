import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { isWorkbenchError } from '../../shared/contract';
import { silentLogger } from '../log';
import { repoRoot, tempDir } from '../../test/helpers';
import { migrations } from './migrations';
import { LATEST_STORE_VERSION, openStore, STORE_APPLICATION_ID, STORE_FILE } from './store';

const run = promisify(execFile);
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isWorkbenchError(error)) return error.code;
    throw error;
  }
  throw new Error('expected an error');
}

describe('workspace metadata store', () => {
  const dirs: (() => void)[] = [];
  const stateDir = (): string => {
    const dir = tempDir();
    dirs.push(dir.cleanup);
    return dir.path;
  };
  afterEach(() => dirs.splice(0).forEach((cleanup) => cleanup()));

  it('creates a marked, WAL-mode store at the latest version', () => {
    const dir = stateDir();
    const store = openStore(dir, { log: silentLogger });
    expect(store.version).toBe(LATEST_STORE_VERSION);
    expect(store.getMeta('created_at')).toMatch(/^\d{4}-\d\d-\d\dT/);
    store.close();
    const db = new Database(join(dir, STORE_FILE), { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(STORE_APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    db.close();
  });

  it('migrates an older store forward, keeping its data and a backup', () => {
    const dir = stateDir();
    const old = openStore(dir, { log: silentLogger, migrations: migrations.slice(0, 1) });
    expect(old.version).toBe(1);
    old.setMeta('owner', 'ada');
    old.close();

    const store = openStore(dir, { log: silentLogger });
    expect(store.version).toBe(LATEST_STORE_VERSION);
    expect(store.getMeta('owner')).toBe('ada');
    store.recordJob({ id: 'j1', procedure: 'p', title: 't', state: 'failed', progress: { fraction: 0.5, message: '', etaSeconds: null }, startedAt: 'a', finishedAt: 'b', error: { code: 'internal', message: 'boom' } });
    store.close();

    const backups = readdirSync(join(dir, 'backups'));
    expect(backups).toHaveLength(1);
    const backup = new Database(join(dir, 'backups', backups[0]!), { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare("SELECT value FROM meta WHERE key = 'owner'").get()).toEqual({ value: 'ada' });
    backup.close();
    const db = new Database(join(dir, STORE_FILE), { readonly: true });
    expect(db.prepare('SELECT state, error_code FROM job_history').all()).toEqual([{ state: 'failed', error_code: 'internal' }]);
    db.close();
  });

  it('refuses a store written by a newer version and leaves it byte for byte', () => {
    const dir = stateDir();
    openStore(dir, { log: silentLogger }).close();
    const db = new Database(join(dir, STORE_FILE));
    db.pragma('journal_mode = DELETE');
    db.pragma(`user_version = ${LATEST_STORE_VERSION + 5}`);
    db.close();
    const before = sha256(join(dir, STORE_FILE));
    let message = '';
    try {
      openStore(dir, { log: silentLogger });
    } catch (error) {
      expect(isWorkbenchError(error) && error.code).toBe('workspace_too_new');
      message = (error as Error).message;
    }
    expect(message).toContain(`store version ${LATEST_STORE_VERSION + 5}`);
    expect(message).toContain('Update ML Workbench');
    expect(sha256(join(dir, STORE_FILE))).toBe(before);
    expect(existsSync(join(dir, `${STORE_FILE}-wal`))).toBe(false);
  });

  it('refuses a file that is not a store, and one that is someone else\'s database', () => {
    const garbage = stateDir();
    writeFileSync(join(garbage, STORE_FILE), 'this is not sqlite at all, just some text that is long enough '.repeat(20));
    const before = sha256(join(garbage, STORE_FILE));
    expect(codeOf(() => openStore(garbage, { log: silentLogger }))).toBe('workspace_corrupt');
    expect(sha256(join(garbage, STORE_FILE))).toBe(before);

    const foreign = stateDir();
    const db = new Database(join(foreign, STORE_FILE));
    db.exec('CREATE TABLE customers (id INTEGER)');
    db.close();
    const foreignBefore = sha256(join(foreign, STORE_FILE));
    expect(codeOf(() => openStore(foreign, { log: silentLogger }))).toBe('workspace_corrupt');
    expect(sha256(join(foreign, STORE_FILE))).toBe(foreignBefore);
  });

  it('lets several processes create, migrate and write one store at once without losing a row', async () => {
    const dir = stateDir();
    mkdirSync(dir, { recursive: true });
    const writer = join(repoRoot, 'electron/workspace/testing/concurrent-writer.ts');
    const tsx = join(repoRoot, 'node_modules/.bin/tsx');
    const perProcess = 150;
    await Promise.all(['a', 'b', 'c'].map((tag) => run(tsx, [writer, dir, String(perProcess), tag], { cwd: repoRoot })));
    const db = new Database(join(dir, STORE_FILE), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM job_history').get()).toEqual({ n: 3 * perProcess });
    expect(db.prepare("SELECT count(*) AS n FROM meta WHERE key = 'created_at'").get()).toEqual({ n: 1 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 60_000);
});
