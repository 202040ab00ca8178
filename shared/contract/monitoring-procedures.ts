import { z } from 'zod';
import { call, job } from './define';
import { alertSchema, monitorSchema, reportSchema, reportSpecSchema, reportSummarySchema } from './monitoring';

const noInput = z.object({}).strict();
const monitorName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$/);

/** Monitoring: drift and quality reports, monitors, alerts. */
export const monitoringProcedures = {
  'monitoring.run': job({
    summary: 'Compute a drift / quality report and save it as a new version of its name.',
    title: 'Monitoring report',
    input: z.object({ spec: reportSpecSchema }).strict(),
    result: reportSchema,
  }),
  'monitoring.reports': call({
    summary: 'Saved reports, newest first.',
    input: z.object({ name: z.string().max(250).optional(), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    output: z.array(reportSummarySchema),
  }),
  'monitoring.report': call({
    summary: 'One saved report, whole.',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: reportSchema,
  }),
  'monitoring.exportHtml': call({
    summary: 'Write a report as one standalone HTML file (plotly inlined: opens offline, no CDN).',
    input: z.object({ id: z.string().min(1), path: z.string().min(1).max(2000) }).strict(),
    output: z.object({ path: z.string(), bytes: z.number().int() }),
  }),
  'monitoring.deleteReport': call({
    summary: 'Delete a saved report.',
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ deleted: z.literal(true) }),
  }),
  'monitoring.monitors': call({ summary: 'Saved monitors.', input: noInput, output: z.array(monitorSchema) }),
  'monitoring.saveMonitor': call({
    summary: 'Save a monitor: a report spec, an optional cron schedule, and an optional training job to start when it alerts.',
    input: z.object({ name: monitorName, spec: reportSpecSchema, schedule: z.string().max(100).nullable().default(null), enabled: z.boolean().default(true), retrainJob: z.string().max(100).nullable().default(null) }).strict(),
    output: monitorSchema,
  }),
  'monitoring.deleteMonitor': call({ summary: 'Delete a monitor.', input: z.object({ name: monitorName }).strict(), output: z.object({ deleted: z.literal(true) }) }),
  'monitoring.runMonitor': call({
    summary: 'Run a monitor now (the local API uses this); answers with the report id once it is saved.',
    input: z.object({ name: monitorName }).strict(),
    output: z.object({ reportId: z.string(), alerts: z.array(z.string()), retrainRunId: z.string().nullable() }),
  }),
  'monitoring.alerts': call({ summary: 'Alerts, newest first.', input: noInput, output: z.array(alertSchema) }),
  'monitoring.acknowledge': call({ summary: 'Mark an alert seen.', input: z.object({ id: z.string().min(1) }).strict(), output: alertSchema }),
} as const;
