import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { reportSchema, WorkbenchError, type MonitoringReport } from '../../shared/contract';

export type ReportSummary = Pick<MonitoringReport, 'id' | 'name' | 'version' | 'createdAt' | 'model'> & { driftDetected: boolean; driftedColumns: number; alerts: number };

interface ReportRow {
  id: string;
  report: string;
}

/** Saved reports in the workspace store (migration 10): each run is the next version of its name. */
export class ReportStore {
  constructor(private readonly db: Database.Database) {}

  /** Numbers and saves the report in one transaction, so two runs of one name never share a version. */
  save(report: Omit<MonitoringReport, 'id' | 'version'>): MonitoringReport {
    return this.db.transaction(() => {
      const last = this.db.prepare('SELECT max(version) AS v FROM monitoring_reports WHERE name = ?').get(report.name) as { v: number | null };
      const saved: MonitoringReport = { ...report, id: randomUUID(), version: (last.v ?? 0) + 1 };
      this.db
        .prepare('INSERT INTO monitoring_reports (id, name, version, created_at, model_name, model_version, spec, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(saved.id, saved.name, saved.version, saved.createdAt, saved.model?.name ?? null, saved.model?.version ?? null, JSON.stringify(saved.spec), JSON.stringify(saved));
      return saved;
    })();
  }

  get(id: string): MonitoringReport {
    const row = this.db.prepare('SELECT id, report FROM monitoring_reports WHERE id = ?').get(id) as ReportRow | undefined;
    if (!row) throw new WorkbenchError('not_found', `There is no monitoring report ${id}.`, { id });
    return reportSchema.parse(JSON.parse(row.report));
  }

  list(name: string | undefined, limit: number): ReportSummary[] {
    const rows = (
      name === undefined
        ? this.db.prepare('SELECT id, report FROM monitoring_reports ORDER BY created_at DESC, version DESC LIMIT ?').all(limit)
        : this.db.prepare('SELECT id, report FROM monitoring_reports WHERE name = ? ORDER BY version DESC LIMIT ?').all(name, limit)
    ) as ReportRow[];
    return rows.map((row) => summary(reportSchema.parse(JSON.parse(row.report))));
  }

  delete(id: string): void {
    const { changes } = this.db.prepare('DELETE FROM monitoring_reports WHERE id = ?').run(id);
    if (changes === 0) throw new WorkbenchError('not_found', `There is no monitoring report ${id}.`, { id });
  }
}

export function summary(report: MonitoringReport): ReportSummary {
  return {
    id: report.id,
    name: report.name,
    version: report.version,
    createdAt: report.createdAt,
    model: report.model,
    driftDetected: report.drift.detected,
    driftedColumns: report.drift.drifted,
    alerts: report.alerts.length,
  };
}
