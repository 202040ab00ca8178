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
  {
    version: 6,
    description: 'experiment tracking (MLflow model): experiments, runs, params, tags, metric history, inputs, logged models',
    sql: `
      -- Ids are integers shown as strings, as MLflow's SQL store does; 0 is the Default experiment clients fall back on.
      CREATE TABLE tracking_experiments (
        experiment_id     INTEGER PRIMARY KEY,
        name              TEXT NOT NULL UNIQUE,
        artifact_location TEXT NOT NULL,
        lifecycle_stage   TEXT NOT NULL DEFAULT 'active' CHECK (lifecycle_stage IN ('active', 'deleted')),
        creation_time     INTEGER NOT NULL,
        last_update_time  INTEGER NOT NULL
      ) STRICT;
      INSERT INTO tracking_experiments (experiment_id, name, artifact_location, creation_time, last_update_time)
        VALUES (0, 'Default', 'mlflow-artifacts:/0', CAST(strftime('%s', 'now') AS INTEGER) * 1000, CAST(strftime('%s', 'now') AS INTEGER) * 1000);
      CREATE TABLE tracking_experiment_tags (
        experiment_id INTEGER NOT NULL REFERENCES tracking_experiments (experiment_id),
        key           TEXT NOT NULL,
        value         TEXT NOT NULL,
        PRIMARY KEY (experiment_id, key)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE tracking_runs (
        run_id          TEXT PRIMARY KEY,
        experiment_id   INTEGER NOT NULL REFERENCES tracking_experiments (experiment_id),
        name            TEXT NOT NULL,
        user_id         TEXT NOT NULL DEFAULT '',
        status          TEXT NOT NULL CHECK (status IN ('RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED')),
        start_time      INTEGER NOT NULL,
        end_time        INTEGER,
        lifecycle_stage TEXT NOT NULL DEFAULT 'active' CHECK (lifecycle_stage IN ('active', 'deleted')),
        artifact_uri    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX tracking_runs_by_experiment ON tracking_runs (experiment_id, start_time DESC);
      CREATE TABLE tracking_params (
        run_id TEXT NOT NULL REFERENCES tracking_runs (run_id),
        key    TEXT NOT NULL,
        value  TEXT NOT NULL,
        PRIMARY KEY (run_id, key)
      ) STRICT, WITHOUT ROWID;
      -- Param filters, and the list of keys a runs table offers as columns.
      CREATE INDEX tracking_params_by_key_value ON tracking_params (key, value);
      CREATE TABLE tracking_tags (
        run_id TEXT NOT NULL REFERENCES tracking_runs (run_id),
        key    TEXT NOT NULL,
        value  TEXT NOT NULL,
        PRIMARY KEY (run_id, key)
      ) STRICT, WITHOUT ROWID;
      -- Child runs (mlflow.parentRunId) and tag filters look tags up by key and value.
      CREATE INDEX tracking_tags_by_key_value ON tracking_tags (key, value);
      -- Every point ever logged; the key doubles as the history index. NaN is kept as value 0 with is_nan 1 (as MLflow does).
      CREATE TABLE tracking_metrics (
        run_id    TEXT NOT NULL REFERENCES tracking_runs (run_id),
        key       TEXT NOT NULL,
        step      INTEGER NOT NULL,
        timestamp INTEGER NOT NULL,
        value     REAL NOT NULL,
        is_nan    INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (run_id, key, step, timestamp, value, is_nan)
      ) STRICT, WITHOUT ROWID;
      -- The latest point per key (highest step, then timestamp, then value), kept in the same transaction as the history.
      CREATE TABLE tracking_latest_metrics (
        run_id    TEXT NOT NULL REFERENCES tracking_runs (run_id),
        key       TEXT NOT NULL,
        step      INTEGER NOT NULL,
        timestamp INTEGER NOT NULL,
        value     REAL NOT NULL,
        is_nan    INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (run_id, key)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX tracking_latest_metrics_by_key ON tracking_latest_metrics (key, value);
      CREATE TABLE tracking_run_inputs (
        run_id      TEXT NOT NULL REFERENCES tracking_runs (run_id),
        name        TEXT NOT NULL,
        digest      TEXT NOT NULL,
        source_type TEXT NOT NULL,
        source      TEXT NOT NULL,
        schema      TEXT,
        profile     TEXT,
        context     TEXT NOT NULL DEFAULT '',
        -- JSON object of the input's tags (mlflow.data.context among them).
        tags        TEXT NOT NULL DEFAULT '{}',
        UNIQUE (run_id, name, digest, context)
      ) STRICT;
      CREATE TABLE tracking_logged_models (
        model_id         TEXT PRIMARY KEY,
        experiment_id    INTEGER NOT NULL REFERENCES tracking_experiments (experiment_id),
        name             TEXT NOT NULL,
        model_type       TEXT,
        source_run_id    TEXT,
        status           TEXT NOT NULL CHECK (status IN ('LOGGED_MODEL_PENDING', 'LOGGED_MODEL_READY', 'LOGGED_MODEL_UPLOAD_FAILED')),
        status_message   TEXT,
        artifact_uri     TEXT NOT NULL,
        creation_time    INTEGER NOT NULL,
        last_update_time INTEGER NOT NULL,
        lifecycle_stage  TEXT NOT NULL DEFAULT 'active' CHECK (lifecycle_stage IN ('active', 'deleted'))
      ) STRICT;
      CREATE INDEX tracking_logged_models_by_experiment ON tracking_logged_models (experiment_id, creation_time DESC);
      CREATE TABLE tracking_logged_model_tags (
        model_id TEXT NOT NULL REFERENCES tracking_logged_models (model_id),
        key      TEXT NOT NULL,
        value    TEXT NOT NULL,
        PRIMARY KEY (model_id, key)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE tracking_logged_model_params (
        model_id TEXT NOT NULL REFERENCES tracking_logged_models (model_id),
        key      TEXT NOT NULL,
        value    TEXT NOT NULL,
        PRIMARY KEY (model_id, key)
      ) STRICT, WITHOUT ROWID;
      -- runs/outputs: the models a run produced, and at which step.
      CREATE TABLE tracking_run_outputs (
        run_id   TEXT NOT NULL REFERENCES tracking_runs (run_id),
        model_id TEXT NOT NULL REFERENCES tracking_logged_models (model_id),
        step     INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (run_id, model_id)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 7,
    description: 'training queue and saved training jobs',
    sql: `
      CREATE TABLE training_queue (
        id            TEXT PRIMARY KEY,
        job_name      TEXT,
        title         TEXT NOT NULL,
        trigger       TEXT NOT NULL,
        state         TEXT NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'interrupted')),
        run_id        TEXT NOT NULL,
        experiment_id TEXT NOT NULL,
        -- JSON: the whole TrainSpec, so a queued entry runs as it was asked for even if its job changes.
        spec          TEXT NOT NULL,
        queued_at     INTEGER NOT NULL,
        started_at    INTEGER,
        finished_at   INTEGER,
        error         TEXT,
        -- JSON: the TrainResult of a succeeded entry.
        result        TEXT,
        -- The process training it: another process (the CLI, a second window) must not mark it interrupted.
        owner_pid     INTEGER
      ) STRICT;
      CREATE INDEX training_queue_by_time ON training_queue (queued_at DESC);
      CREATE TABLE training_jobs (
        name       TEXT PRIMARY KEY COLLATE NOCASE,
        spec       TEXT NOT NULL,
        schedule   TEXT,
        enabled    INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 8,
    description: 'the local model registry: registered models, versions, tags, aliases, content-addressed files, pushes',
    sql: `
      CREATE TABLE registered_models (
        name         TEXT PRIMARY KEY,
        description  TEXT NOT NULL DEFAULT '',
        -- The highest version number ever given: numbers are never reused after a delete.
        last_version INTEGER NOT NULL DEFAULT 0,
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE registered_model_tags (
        name  TEXT NOT NULL REFERENCES registered_models (name) ON DELETE CASCADE ON UPDATE CASCADE,
        key   TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (name, key)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE model_versions (
        name          TEXT NOT NULL REFERENCES registered_models (name) ON DELETE CASCADE ON UPDATE CASCADE,
        version       INTEGER NOT NULL,
        description   TEXT NOT NULL DEFAULT '',
        status        TEXT NOT NULL CHECK (status IN ('READY', 'PENDING_REGISTRATION', 'FAILED_REGISTRATION')),
        -- MLflow's deprecated stage: 'None', or kept read-only from a pulled version.
        stage         TEXT NOT NULL DEFAULT 'None',
        archived      INTEGER NOT NULL DEFAULT 0,
        source        TEXT NOT NULL,
        run_id        TEXT,
        run_link      TEXT,
        experiment_id TEXT,
        git_commit    TEXT,
        git_dirty     INTEGER,
        -- JSON: the dataset inputs of the source run, the metrics, the signature and the parity check.
        datasets      TEXT NOT NULL DEFAULT '[]',
        metrics       TEXT NOT NULL DEFAULT '{}',
        signature     TEXT NOT NULL,
        parity        TEXT,
        created_at    INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL,
        PRIMARY KEY (name, version)
      ) STRICT;
      CREATE INDEX model_versions_by_run ON model_versions (run_id);
      CREATE TABLE model_version_tags (
        name    TEXT NOT NULL,
        version INTEGER NOT NULL,
        key     TEXT NOT NULL,
        value   TEXT NOT NULL,
        PRIMARY KEY (name, version, key),
        FOREIGN KEY (name, version) REFERENCES model_versions (name, version) ON DELETE CASCADE ON UPDATE CASCADE
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE model_aliases (
        name    TEXT NOT NULL,
        alias   TEXT NOT NULL,
        version INTEGER NOT NULL,
        PRIMARY KEY (name, alias),
        FOREIGN KEY (name, version) REFERENCES model_versions (name, version) ON DELETE CASCADE ON UPDATE CASCADE
      ) STRICT, WITHOUT ROWID;
      -- The files of a version's package; the bytes are blobs named by their sha256.
      CREATE TABLE model_files (
        name    TEXT NOT NULL,
        version INTEGER NOT NULL,
        path    TEXT NOT NULL,
        size    INTEGER NOT NULL,
        sha256  TEXT NOT NULL,
        PRIMARY KEY (name, version, path),
        FOREIGN KEY (name, version) REFERENCES model_versions (name, version) ON DELETE CASCADE ON UPDATE CASCADE
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX model_files_by_hash ON model_files (sha256);
      CREATE TABLE model_version_pushes (
        id             INTEGER PRIMARY KEY,
        name           TEXT NOT NULL,
        version        INTEGER NOT NULL,
        remote         TEXT NOT NULL,
        remote_name    TEXT NOT NULL,
        remote_version TEXT NOT NULL,
        at             INTEGER NOT NULL,
        FOREIGN KEY (name, version) REFERENCES model_versions (name, version) ON DELETE CASCADE ON UPDATE CASCADE
      ) STRICT;
      CREATE INDEX model_version_pushes_by_version ON model_version_pushes (name, version);
    `,
  },
  {
    version: 9,
    description: 'the shared MLflow registry a workspace pushes to and pulls from',
    sql: `
      -- One row: the server and how to log in. The secret is only ever stored encrypted by the
      -- host's SecretBox (NULL in server mode, where it is kept in memory).
      CREATE TABLE registry_remote (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        url        TEXT NOT NULL,
        auth       TEXT NOT NULL CHECK (auth IN ('none', 'token', 'basic')),
        username   TEXT,
        secret_enc BLOB,
        updated_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 10,
    description: 'monitoring reports: drift and quality reports, versioned by name',
    sql: `
      CREATE TABLE monitoring_reports (
        id            TEXT PRIMARY KEY,
        name          TEXT NOT NULL,
        version       INTEGER NOT NULL,
        created_at    INTEGER NOT NULL,
        model_name    TEXT,
        model_version INTEGER,
        -- JSON: the spec as run, and the whole report.
        spec          TEXT NOT NULL,
        report        TEXT NOT NULL,
        UNIQUE (name, version)
      ) STRICT;
      CREATE INDEX monitoring_reports_by_time ON monitoring_reports (created_at);
    `,
  },
  {
    version: 11,
    description: 'monitors (a report spec on a schedule, with an optional retraining job) and their alerts',
    sql: `
      CREATE TABLE monitors (
        name           TEXT PRIMARY KEY,
        -- JSON: the report spec.
        spec           TEXT NOT NULL,
        schedule       TEXT,
        enabled        INTEGER NOT NULL DEFAULT 1,
        retrain_job    TEXT,
        last_report_id TEXT,
        created_at     INTEGER NOT NULL,
        updated_at     INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE monitoring_alerts (
        id             TEXT PRIMARY KEY,
        at             INTEGER NOT NULL,
        monitor        TEXT,
        report_id      TEXT NOT NULL,
        message        TEXT NOT NULL,
        retrain_run_id TEXT,
        -- JSON: the retrained challenger against the champion, once the run ended.
        comparison     TEXT,
        acknowledged   INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX monitoring_alerts_by_time ON monitoring_alerts (at);
    `,
  },
];

export const LATEST_STORE_VERSION = migrations.at(-1)?.version ?? 0;
