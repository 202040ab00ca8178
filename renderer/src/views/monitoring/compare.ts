import type { ColumnDrift, MonitoringReport } from '../../../../shared/contract';

export interface CompareSide {
  test: ColumnDrift['test'];
  score: number | null;
  drifted: boolean;
  skipped: string | null;
}

export interface CompareRow {
  column: string;
  a: CompareSide | null;
  b: CompareSide | null;
  /** The drift flag differs, or the column is on one side only. */
  changed: boolean;
}

export interface Verdict {
  label: string;
  detected: boolean;
  drifted: number;
  columns: number;
  share: number;
  driftShare: number;
}

export interface ReportComparison {
  a: Verdict;
  b: Verdict;
  rows: CompareRow[];
}

const side = (column: ColumnDrift): CompareSide => ({ test: column.test, score: column.score, drifted: column.drifted, skipped: column.skipped });

function verdict(report: MonitoringReport): Verdict {
  return {
    label: `${report.name} v${report.version}`,
    detected: report.drift.detected,
    drifted: report.drift.drifted,
    columns: report.drift.columns.length,
    share: report.drift.share,
    driftShare: report.drift.driftShare,
  };
}

/** Two reports column by column: A's columns in their order, then B's own; changed rows are flagged. */
export function compareReports(a: MonitoringReport, b: MonitoringReport): ReportComparison {
  const byColumnB = new Map(b.drift.columns.map((column) => [column.column, column]));
  const rows: CompareRow[] = a.drift.columns.map((column) => {
    const other = byColumnB.get(column.column);
    return { column: column.column, a: side(column), b: other ? side(other) : null, changed: !other || other.drifted !== column.drifted };
  });
  const inA = new Set(a.drift.columns.map((column) => column.column));
  for (const column of b.drift.columns) if (!inA.has(column.column)) rows.push({ column: column.column, a: null, b: side(column), changed: true });
  return { a: verdict(a), b: verdict(b), rows };
}

/** A p-value or distance as it reads in a table: 3 significant digits, tiny values in exponent form. */
export function formatScore(score: number | null): string {
  if (score === null || !Number.isFinite(score)) return '—';
  if (score !== 0 && Math.abs(score) < 0.001) return score.toExponential(2);
  return Number(score.toPrecision(3)).toString();
}

/** The dataset verdict as one sentence. */
export function verdictSentence(drift: MonitoringReport['drift']): string {
  return `Dataset drift is ${drift.detected ? 'detected' : 'not detected'} (threshold ${drift.driftShare})`;
}
