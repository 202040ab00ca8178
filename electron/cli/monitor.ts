import { resolve } from 'node:path';
import { reportSpecSchema, WorkbenchError, type DataSource, type MonitoringReport, type ReportSpec } from '../../shared/contract';
import type { Backend } from '../backend';
import { runOneShot } from './headless';

export interface MonitorReportOptions {
  reference: string;
  current: string;
  model?: string;
  html?: string;
  name?: string;
  failOnDrift?: boolean;
  workspace?: string;
  json?: boolean;
  resourcesDir: string;
}

/** Exit code of `--fail-on-drift` when the dataset verdict is drift (or a quality alert fired). */
export const DRIFT_EXIT_CODE = 3;

function sourceOf(backend: Backend, value: string): DataSource {
  const known = backend.data.list().some((d) => d.name.toLowerCase() === value.toLowerCase() || d.id === value);
  return known ? { kind: 'dataset', dataset: value } : { kind: 'file', path: resolve(value) };
}

/** The spec the options make, checked here so that a bad `--model` or `--name` is a usage error naming its option, not a schema dump. */
function reportSpec(backend: Backend, options: MonitorReportOptions): ReportSpec {
  const parsed = reportSpecSchema.safeParse({
    ...(options.name !== undefined ? { name: options.name } : {}),
    reference: sourceOf(backend, options.reference),
    current: sourceOf(backend, options.current),
    ...(options.model !== undefined ? { model: options.model } : {}),
  });
  if (parsed.success) return parsed.data;
  const flags: Record<string, string> = { name: '--name', model: '--model', reference: '--reference', current: '--current' };
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const value = key === 'name' ? options.name : key === 'model' ? options.model : key === 'reference' ? options.reference : key === 'current' ? options.current : undefined;
    return `${flags[key] ?? key} ${JSON.stringify(value ?? '')}: ${issue.message}`;
  });
  throw new WorkbenchError('invalid_input', problems.join('; '), { field: String(parsed.error.issues[0]?.path[0] ?? '') });
}

function verdict(report: MonitoringReport, html: string | null): string {
  const { drift } = report;
  const lines = [
    `${report.name} v${report.version}: dataset drift is ${drift.detected ? '' : 'not '}detected (${drift.drifted} of ${drift.columns.length} columns, share ${drift.share.toFixed(2)}, threshold ${drift.driftShare})`,
    ...drift.columns.filter((c) => c.drifted).map((c) => `  drifted: ${c.column} (${c.test ?? '-'} ${c.score?.toPrecision(4) ?? '-'})`),
    ...(report.predictionDrift ? [`  prediction drift: ${report.predictionDrift.drifted ? 'yes' : 'no'} (${report.predictionDrift.test ?? '-'} ${report.predictionDrift.score?.toPrecision(4) ?? '-'})`] : []),
    ...report.alerts.map((a) => `alert: ${a}`),
    ...report.warnings.map((w) => `warning: ${w}`),
    ...(html ? [`report written to ${html}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * `workbench monitor report --reference REF --current CUR [--model models:/NAME@ALIAS] [--html OUT.html] [--fail-on-drift]`:
 * REF and CUR are datasets of the workspace (by name or id) or files. The
 * report is saved in the workspace as the next version of its name, and the
 * verdict printed. Drift is a finding, not a failure: the exit code is 0
 * unless `--fail-on-drift` is given and the report alerts (then 3); bad input
 * exits 2, other failures 1.
 */
export async function monitorReport(options: MonitorReportOptions): Promise<number> {
  let alerted = false;
  const code = await runOneShot(options, ['invalid_input', 'not_found', 'data_unreadable'], async (backend, job) => {
    const report = await backend.monitoring.run(reportSpec(backend, options), job);
    alerted = report.alerts.length > 0;
    const html = options.html ? (await backend.monitoring.exportHtml(report.id, resolve(options.html))).path : null;
    return options.json ? `${JSON.stringify({ ...report, html }, null, 2)}\n` : verdict(report, html);
  });
  return code === 0 && alerted && options.failOnDrift ? DRIFT_EXIT_CODE : code;
}
