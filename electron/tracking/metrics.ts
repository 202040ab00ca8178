import type Database from 'better-sqlite3';

export interface MetricRecord {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

interface Row {
  key: string;
  value: number;
  is_nan: 0 | 1;
  timestamp: number;
  step: number;
}

const fromRow = (row: Row): MetricRecord => ({ key: row.key, value: row.is_nan ? Number.NaN : row.value, timestamp: row.timestamp, step: row.step });

/** MLflow's order for "latest": the highest step, then the latest timestamp, then the largest value (NaN lowest). */
function later(a: MetricRecord, b: MetricRecord): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp > b.timestamp;
  if (Number.isNaN(b.value)) return !Number.isNaN(a.value);
  return a.value > b.value;
}

/**
 * Metric history and the latest value per key. Both are written in the
 * caller's transaction, so a crash never leaves one without the other.
 */
export class MetricStore {
  private readonly insertPoint: Database.Statement<[string, string, number, number, number, number]>;
  private readonly upsertLatest: Database.Statement<[string, string, number, number, number, number]>;

  constructor(private readonly db: Database.Database) {
    // The same point twice is one point (MLflow ignores exact duplicates too).
    this.insertPoint = db.prepare('INSERT OR IGNORE INTO tracking_metrics (run_id, key, step, timestamp, value, is_nan) VALUES (?, ?, ?, ?, ?, ?)');
    // Replace only when the new point is later in MLflow's order; a NaN never beats a number at the same step and time.
    this.upsertLatest = db.prepare(`INSERT INTO tracking_latest_metrics (run_id, key, step, timestamp, value, is_nan) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (run_id, key) DO UPDATE SET step = excluded.step, timestamp = excluded.timestamp, value = excluded.value, is_nan = excluded.is_nan
      WHERE excluded.step > step OR (excluded.step = step AND (excluded.timestamp > timestamp
        OR (excluded.timestamp = timestamp AND excluded.is_nan = 0 AND (is_nan = 1 OR excluded.value > value))))`);
  }

  log(runId: string, points: readonly MetricRecord[]): void {
    const latest = new Map<string, MetricRecord>();
    for (const point of points) {
      const nan = Number.isNaN(point.value);
      this.insertPoint.run(runId, point.key, point.step, point.timestamp, nan ? 0 : point.value, nan ? 1 : 0);
      const seen = latest.get(point.key);
      if (!seen || later(point, seen)) latest.set(point.key, point);
    }
    for (const point of latest.values()) {
      const nan = Number.isNaN(point.value);
      this.upsertLatest.run(runId, point.key, point.step, point.timestamp, nan ? 0 : point.value, nan ? 1 : 0);
    }
  }

  /** One key's history in step order, a page at a time. */
  history(runId: string, key: string, offset = 0, limit = -1): MetricRecord[] {
    return (this.db
      .prepare('SELECT key, value, is_nan, timestamp, step FROM tracking_metrics WHERE run_id = ? AND key = ? ORDER BY step, timestamp, value LIMIT ? OFFSET ?')
      .all(runId, key, limit, offset) as Row[]).map(fromRow);
  }

  /** Every key's history (or the named keys'), in step order. */
  histories(runId: string, keys: readonly string[]): Map<string, MetricRecord[]> {
    const rows = (keys.length === 0
      ? this.db.prepare('SELECT key, value, is_nan, timestamp, step FROM tracking_metrics WHERE run_id = ? ORDER BY key, step, timestamp, value').all(runId)
      : this.db
          .prepare('SELECT key, value, is_nan, timestamp, step FROM tracking_metrics WHERE run_id = ? AND key IN (SELECT value FROM json_each(?)) ORDER BY key, step, timestamp, value')
          .all(runId, JSON.stringify(keys))) as Row[];
    const result = new Map<string, MetricRecord[]>(keys.map((key) => [key, []]));
    for (const row of rows) {
      const list = result.get(row.key) ?? [];
      list.push(fromRow(row));
      result.set(row.key, list);
    }
    return result;
  }

  /** The latest point of every key of each run. */
  latest(runIds: readonly string[]): Map<string, MetricRecord[]> {
    const rows = this.db
      .prepare('SELECT run_id, key, value, is_nan, timestamp, step FROM tracking_latest_metrics WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY run_id, key')
      .all(JSON.stringify(runIds)) as (Row & { run_id: string })[];
    const result = new Map<string, MetricRecord[]>();
    for (const row of rows) {
      const list = result.get(row.run_id) ?? [];
      list.push(fromRow(row));
      result.set(row.run_id, list);
    }
    return result;
  }
}
