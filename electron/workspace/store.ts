import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { WorkbenchError, type JobSnapshot } from '../../shared/contract';
import type { Logger } from '../log';
import { LATEST_STORE_VERSION, migrations, type Migration } from './migrations';

export const STORE_FILE = 'workbench.sqlite';
/** 'MLWB': marks the file as ours, so a stray SQLite file is never migrated into one. */
export const STORE_APPLICATION_ID = 0x4d4c5742;

/**
 * The workspace's metadata store: one SQLite file in WAL mode. Chosen over
 * DuckDB because several processes (the app, `workbench` commands run beside
 * it) must read and write it at once; SQLite's locking allows that safely,
 * where DuckDB allows a single writing process per file.
 */
export interface WorkspaceStore {
  readonly path: string;
  /** For services that own tables in the store (their schema lives in migrations.ts). */
  readonly db: Database.Database;
  readonly version: number;
  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;
  recordJob(snapshot: JobSnapshot): void;
  close(): void;
}

export interface OpenStoreOptions {
  log: Logger;
  /** Only for tests that build an old store; defaults to every migration. */
  migrations?: readonly Migration[];
}

export function openStore(stateDir: string, options: OpenStoreOptions): WorkspaceStore {
  const steps = options.migrations ?? migrations;
  const latest = steps.at(-1)?.version ?? 0;
  const path = join(stateDir, STORE_FILE);
  checkExistingStore(path, latest);

  const db = openDatabase(path, {});
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, path, stateDir, steps, options.log);
  } catch (error) {
    db.close();
    throw error;
  }
  const version = db.pragma('user_version', { simple: true }) as number;
  const getMeta = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const setMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const insertJob = version >= 2
    ? db.prepare(`INSERT OR REPLACE INTO job_history
        (id, procedure, title, state, started_at, finished_at, error_code, error_message)
        VALUES (@id, @procedure, @title, @state, @startedAt, @finishedAt, @errorCode, @errorMessage)`)
    : undefined;

  return {
    path,
    db,
    version,
    getMeta: (key) => getMeta.get(key)?.value,
    setMeta: (key, value) => void setMeta.run(key, value),
    recordJob(snapshot) {
      insertJob?.run({
        id: snapshot.id,
        procedure: snapshot.procedure,
        title: snapshot.title,
        state: snapshot.state,
        startedAt: snapshot.startedAt,
        finishedAt: snapshot.finishedAt ?? new Date().toISOString(),
        errorCode: snapshot.error?.code ?? null,
        errorMessage: snapshot.error?.message ?? null,
      });
    },
    close: () => db.close(),
  };
}

/** Reads an existing file without writing a byte, and refuses what we must not touch. */
function checkExistingStore(path: string, latest: number): void {
  if (!existsSync(path)) return; // A new workspace: the store is created next.
  const db = openDatabase(path, { readonly: true, fileMustExist: true });
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const tables = (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n;
    if (applicationId !== STORE_APPLICATION_ID && (applicationId !== 0 || tables > 0)) {
      throw new WorkbenchError('workspace_corrupt', `${path} is an SQLite database, but not a workbench store; it was left untouched.`, { path });
    }
    if (version > latest) {
      throw new WorkbenchError(
        'workspace_too_new',
        `${path} was written by a newer ML Workbench (store version ${version}; this one knows up to ${latest}). ` +
          'Update ML Workbench to open this workspace; nothing was changed.',
        { path, storeVersion: version, supportedVersion: latest },
      );
    }
  } catch (error) {
    throw mapSqliteError(error, path);
  } finally {
    db.close();
  }
}

function migrate(db: Database.Database, path: string, stateDir: string, steps: readonly Migration[], log: Logger): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = steps.at(-1)?.version ?? 0;
  if (current >= latest) return;
  if (current > 0) backUp(db, stateDir, current, log);
  // IMMEDIATE takes the write lock first, so two processes never migrate at once;
  // the version is read again under the lock in case the other one just did.
  db.transaction(() => {
    const underLock = db.pragma('user_version', { simple: true }) as number;
    for (const step of steps.filter((s) => s.version > underLock)) {
      db.exec(step.sql);
      log.info('migrated workspace store', { path, version: step.version, step: step.description });
    }
    if (underLock === 0) {
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('created_at', new Date().toISOString());
    }
    db.pragma(`application_id = ${STORE_APPLICATION_ID}`);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
}

/** A consistent copy before a migration, so an upgrade can always be undone by hand. */
function backUp(db: Database.Database, stateDir: string, version: number, log: Logger): void {
  const dir = join(stateDir, 'backups');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `workbench-v${version}-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`);
  db.prepare('VACUUM INTO ?').run(file);
  log.info('backed up workspace store before migrating', { file });
}

function openDatabase(path: string, options: Database.Options): Database.Database {
  try {
    return new Database(path, { ...options, timeout: 5000 });
  } catch (error) {
    throw mapSqliteError(error, path);
  }
}

function mapSqliteError(error: unknown, path: string): unknown {
  if (error instanceof WorkbenchError) return error;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new WorkbenchError('workspace_corrupt', `${path} is not a readable workbench store (${code}); it was left untouched.`, { path });
  }
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new WorkbenchError('workspace_unwritable', `Cannot open ${path} for writing (${code}).`, { path });
  }
  return error;
}

export { LATEST_STORE_VERSION };
