import type Database from 'better-sqlite3';
import { comparisonSchema, reportSpecSchema, type Alert, type Comparison, type Monitor, type ReportSpec } from '../../../shared/contract';

interface MonitorRow {
  name: string;
  spec: string;
  schedule: string | null;
  enabled: number;
  retrain_job: string | null;
  last_report_id: string | null;
}

interface AlertRow {
  id: string;
  at: number;
  monitor: string | null;
  report_id: string;
  message: string;
  retrain_run_id: string | null;
  comparison: string | null;
  acknowledged: number;
}

export type StoredMonitor = Omit<Monitor, 'nextRunAt'>;

const ALERT_LIMIT = 1000;

/** The monitors and monitoring_alerts tables (store migration 11); each write is one statement. */
export class MonitorStore {
  constructor(private readonly db: Database.Database) {}

  monitors(): StoredMonitor[] {
    return (this.db.prepare('SELECT * FROM monitors ORDER BY name').all() as MonitorRow[]).map(toMonitor);
  }

  monitor(name: string): StoredMonitor | undefined {
    const row = this.db.prepare('SELECT * FROM monitors WHERE name = ?').get(name) as MonitorRow | undefined;
    return row && toMonitor(row);
  }

  /** Inserts or replaces the monitor's settings; its last report is kept. */
  save(monitor: { name: string; spec: ReportSpec; schedule: string | null; enabled: boolean; retrainJob: string | null }, now: number): void {
    this.db
      .prepare(
        `INSERT INTO monitors (name, spec, schedule, enabled, retrain_job, last_report_id, created_at, updated_at)
         VALUES (@name, @spec, @schedule, @enabled, @retrainJob, NULL, @now, @now)
         ON CONFLICT (name) DO UPDATE SET spec = excluded.spec, schedule = excluded.schedule, enabled = excluded.enabled,
           retrain_job = excluded.retrain_job, updated_at = excluded.updated_at`,
      )
      .run({ ...monitor, spec: JSON.stringify(monitor.spec), enabled: monitor.enabled ? 1 : 0, now });
  }

  delete(name: string): boolean {
    return this.db.prepare('DELETE FROM monitors WHERE name = ?').run(name).changes === 1;
  }

  setLastReport(name: string, reportId: string): void {
    this.db.prepare('UPDATE monitors SET last_report_id = ? WHERE name = ?').run(reportId, name);
  }

  insertAlert(alert: Alert): void {
    this.db
      .prepare(
        `INSERT INTO monitoring_alerts (id, at, monitor, report_id, message, retrain_run_id, comparison, acknowledged)
         VALUES (@id, @at, @monitor, @reportId, @message, @retrainRunId, @comparison, @acknowledged)`,
      )
      .run({ ...alert, comparison: alert.comparison ? JSON.stringify(alert.comparison) : null, acknowledged: alert.acknowledged ? 1 : 0 });
  }

  alerts(): Alert[] {
    return (this.db.prepare('SELECT * FROM monitoring_alerts ORDER BY at DESC, rowid DESC LIMIT ?').all(ALERT_LIMIT) as AlertRow[]).map(toAlert);
  }

  alert(id: string): Alert | undefined {
    const row = this.db.prepare('SELECT * FROM monitoring_alerts WHERE id = ?').get(id) as AlertRow | undefined;
    return row && toAlert(row);
  }

  acknowledge(id: string): boolean {
    return this.db.prepare('UPDATE monitoring_alerts SET acknowledged = 1 WHERE id = ?').run(id).changes === 1;
  }

  setRetrainRun(id: string, runId: string): void {
    this.db.prepare('UPDATE monitoring_alerts SET retrain_run_id = ? WHERE id = ?').run(runId, id);
  }

  setComparison(id: string, comparison: Comparison): void {
    this.db.prepare('UPDATE monitoring_alerts SET comparison = ? WHERE id = ?').run(JSON.stringify(comparison), id);
  }
}

function toMonitor(row: MonitorRow): StoredMonitor {
  return {
    name: row.name,
    spec: reportSpecSchema.parse(JSON.parse(row.spec)),
    schedule: row.schedule,
    enabled: row.enabled === 1,
    retrainJob: row.retrain_job,
    lastReportId: row.last_report_id,
  };
}

function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    at: row.at,
    monitor: row.monitor,
    reportId: row.report_id,
    message: row.message,
    retrainRunId: row.retrain_run_id,
    acknowledged: row.acknowledged === 1,
    comparison: row.comparison ? comparisonSchema.parse(JSON.parse(row.comparison)) : null,
  };
}
