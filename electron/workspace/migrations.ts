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
  {
    version: 3,
    description: 'datasets, cached profiles and saved charts',
    sql: `
      CREATE TABLE datasets (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
        description TEXT NOT NULL DEFAULT '',
        format      TEXT NOT NULL,
        location    TEXT NOT NULL,
        -- JSON: how to read it (coerced columns and the like), written by the data service.
        read_spec   TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        columns     TEXT NOT NULL,
        row_count   INTEGER NOT NULL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;
      CREATE TABLE profiles (
        fingerprint TEXT NOT NULL,
        target      TEXT NOT NULL DEFAULT '',
        profile     TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        PRIMARY KEY (fingerprint, target)
      ) STRICT;
      CREATE TABLE charts (
        id         TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        source     TEXT NOT NULL,
        spec       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 4,
    description: 'remote Jupyter servers and the one in use',
    sql: `
      CREATE TABLE jupyter_servers (
        id          TEXT PRIMARY KEY,
        url         TEXT NOT NULL UNIQUE,
        label       TEXT NOT NULL,
        -- The token encrypted by the desktop's safe storage; NULL when it is not kept (server mode).
        token_enc   BLOB,
        created_at  TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 5,
    description: 'git remote credentials and the log of what left the machine',
    sql: `
      CREATE TABLE git_credentials (
        remote_url TEXT PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('token', 'basic')),
        username   TEXT,
        -- The token or password, encrypted by the desktop's safe storage; never kept in server mode.
        secret_enc BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE outbound_log (
        id     INTEGER PRIMARY KEY,
        at     TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        detail TEXT NOT NULL
      ) STRICT;
      CREATE INDEX outbound_log_by_time ON outbound_log (at DESC);
    `,
  },
];

export const LATEST_STORE_VERSION = migrations.at(-1)?.version ?? 0;
