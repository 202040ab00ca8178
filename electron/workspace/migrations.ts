/**
 * The metadata store's schema, as an append-only list. Each step runs once, in
 * its own transaction, and `PRAGMA user_version` records the last one applied.
 * Never edit a released step: add a new one.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'workspace metadata',
    sql: `
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    description: 'history of finished jobs',
    sql: `
      CREATE TABLE job_history (
        id            TEXT PRIMARY KEY,
        procedure     TEXT NOT NULL,
        title         TEXT NOT NULL,
        state         TEXT NOT NULL CHECK (state IN ('succeeded', 'failed', 'cancelled')),
        started_at    TEXT NOT NULL,
        finished_at   TEXT NOT NULL,
        error_code    TEXT,
        error_message TEXT
      ) STRICT;
      CREATE INDEX job_history_by_start ON job_history (started_at DESC);
    `,
  },
];

export const LATEST_STORE_VERSION = migrations.at(-1)?.version ?? 0;
