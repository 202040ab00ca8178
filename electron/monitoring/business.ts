import { WorkbenchError, type MonitoringReport, type ReportSpec } from '../../shared/contract';
import type { Engine } from '../data';

export interface BusinessInput {
  engine: Engine;
  metrics: ReportSpec['business'];
  reference: string;
  current: string;
  /** SQL giving each current row's window start (epoch ms); null: the whole current data is one window. */
  windowStart: string | null;
  /** The window's start when there is one window only. */
  now: number;
  signal?: AbortSignal;
}

const numberOrNull = (value: unknown): number | null => {
  if (value === null || value === undefined) return null;
  const number = Number(typeof value === 'boolean' ? Number(value) : value);
  return Number.isFinite(number) ? number : null;
};

/**
 * Each metric is the user's aggregate expression, run per window on the
 * current data and once on the reference. A reference without the columns the
 * expression needs has no reference level (null), which is not an error; SQL
 * that fails on the current data is.
 */
export async function businessMetrics(input: BusinessInput): Promise<{ business: MonitoringReport['business']; warnings: string[] }> {
  const warnings: string[] = [];
  const options = input.signal ? { signal: input.signal } : {};
  const business: MonitoringReport['business'] = [];
  for (const metric of input.metrics) {
    const sql = input.windowStart
      ? `SELECT ${input.windowStart} AS workbench_window, (${metric.sql}) AS value FROM ${input.current} GROUP BY workbench_window ORDER BY workbench_window`
      : `SELECT ${input.now} AS workbench_window, (${metric.sql}) AS value FROM ${input.current}`;
    const rows = await input.engine.query(sql, options).catch((error: unknown) => {
      if (input.signal?.aborted) throw error;
      throw new WorkbenchError('invalid_input', `Business metric "${metric.name}": ${error instanceof Error ? error.message : String(error)}`, { field: 'business', metric: metric.name });
    });
    if (!input.windowStart && rows.rows.length > 1) {
      throw new WorkbenchError('invalid_input', `Business metric "${metric.name}" gives ${rows.rows.length} values, not one: write an aggregate such as avg(...) or count(*).`, { field: 'business', metric: metric.name });
    }
    // Rows without a time have no window (quality over time says how many).
    const windows = rows.rows.filter((row) => row[0] !== null).map((row) => ({ start: Number(row[0]), value: numberOrNull(row[1]) }));
    const reference = await input.engine.query(`SELECT (${metric.sql}) FROM ${input.reference}`, options).then(
      (result) => numberOrNull(result.rows[0]?.[0]),
      (error: unknown) => {
        if (input.signal?.aborted) throw error;
        warnings.push(`Business metric "${metric.name}" cannot be computed on the reference data (${error instanceof Error ? error.message.split('\n')[0] : String(error)}): no reference level.`);
        return null;
      },
    );
    business.push({ name: metric.name, reference, windows });
  }
  return { business, warnings };
}
