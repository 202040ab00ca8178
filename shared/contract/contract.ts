import { z } from 'zod';
import { call, job } from './define';
import { chartDataSchema, chartInput, chartSourceInput, savedChartSchema, saveChartInput } from './charts';
import {
  addDatasetInput,
  datasetName,
  datasetSchema,
  exportInput,
  filterSchema,
  pageInput,
  pageSchema,
  queryResultSchema,
  resultColumnSchema,
  saveResultInput,
  unparsedValuesSchema,
} from './data';
import { jobIdInput, jobSnapshotSchema } from './jobs';
import { profileInput, profileSchema } from './profile';
import { healthSchema, shellCommands, systemInfoSchema } from './system';
import {
  recentWorkspaceSchema,
  workspaceInfoSchema,
  workspacePathInput,
  workspaceUsageSchema,
} from './workspace';

const noInput = z.object({}).strict();

/**
 * The whole API of the workbench: every procedure the UI (or a script) can call,
 * with its input and output schemas. Both transports (Electron IPC and
 * HTTP + WebSocket) serve exactly this object.
 */
export const procedures = {
  'system.health': call({
    summary: 'Liveness of the backend and its version.',
    input: noInput,
    output: healthSchema,
  }),
  'system.info': call({
    summary: 'What kind of host serves the API, and what it can do.',
    input: noInput,
    output: systemInfoSchema,
  }),

  'workspace.current': call({
    summary: 'The open workspace, or null when none is open.',
    input: noInput,
    output: workspaceInfoSchema.nullable(),
  }),
  'workspace.open': call({
    summary: 'Open an existing folder as the workspace (initialising .workbench/ in it if needed).',
    input: workspacePathInput,
    output: workspaceInfoSchema,
  }),
  'workspace.create': call({
    summary: 'Create a new workspace folder (its parent must exist) and open it.',
    input: workspacePathInput,
    output: workspaceInfoSchema,
  }),
  'workspace.recent': call({
    summary: 'Recently opened workspaces, newest first.',
    input: noInput,
    output: z.array(recentWorkspaceSchema),
  }),
  'workspace.forget': call({
    summary: 'Remove a folder from the recent list (the folder itself is left alone).',
    input: workspacePathInput,
    output: z.array(recentWorkspaceSchema),
  }),
  'workspace.usage': job({
    summary: 'Measure the disk space used by the open workspace, per top-level item.',
    title: 'Measuring workspace disk usage',
    input: noInput,
    result: workspaceUsageSchema,
  }),

  'data.list': call({
    summary: 'The datasets of the open workspace.',
    input: noInput,
    output: z.array(datasetSchema),
  }),
  'data.add': job({
    summary: 'Register a file, folder, glob or DuckDB database as datasets (by reference: nothing is copied).',
    title: 'Adding a dataset',
    input: addDatasetInput,
    result: z.object({ datasets: z.array(datasetSchema) }),
  }),
  'data.rename': call({
    summary: "Rename a dataset (its SQL name); the user's file is untouched.",
    input: z.object({ id: z.string(), name: datasetName }),
    output: datasetSchema,
  }),
  'data.describe': call({
    summary: 'Set the description of a dataset.',
    input: z.object({ id: z.string(), description: z.string().max(10_000) }),
    output: datasetSchema,
  }),
  'data.remove': call({
    summary: "Forget a dataset; the user's file is never deleted.",
    input: z.object({ id: z.string() }),
    output: z.object({ removed: z.literal(true) }),
  }),
  'data.unparsed': call({
    summary: 'The values of a column that did not parse as its type, with their rows.',
    input: z.object({ id: z.string(), column: z.string(), limit: z.number().int().positive().max(10_000).default(100) }),
    output: unparsedValuesSchema,
  }),
  'data.query': job({
    summary: 'Run SQL; answers with the first page of the result and a handle to page it.',
    title: 'Running a query',
    input: z.object({ sql: z.string().max(1_000_000) }),
    result: queryResultSchema,
  }),
  'data.page': call({
    summary: 'A page of a query result, sorted and filtered in DuckDB.',
    input: pageInput,
    output: pageSchema,
  }),
  'data.countResult': call({
    summary: 'Count the rows of a query result (with filters).',
    input: z.object({ resultId: z.string(), filters: z.array(filterSchema).max(20).default([]) }),
    output: z.object({ rows: z.number().int().nonnegative() }),
  }),
  'data.closeResult': call({
    summary: 'Forget a query result.',
    input: z.object({ resultId: z.string() }),
    output: z.object({ closed: z.literal(true) }),
  }),
  'data.export': job({
    summary: 'Write a query result to a CSV or Parquet file (whole, or not at all).',
    title: 'Exporting a result',
    input: exportInput,
    result: z.object({ path: z.string() }),
  }),
  'data.saveResult': job({
    summary: 'Save a query result as a dataset: a view, or rows materialized to Parquet.',
    title: 'Saving a result as a dataset',
    input: saveResultInput,
    result: datasetSchema,
  }),
  'data.profile': job({
    summary: 'Profile a dataset or query result in DuckDB (cached by fingerprint).',
    title: 'Profiling',
    input: profileInput,
    result: profileSchema,
  }),

  'data.columns': call({
    summary: 'The columns (names and DuckDB types) of a dataset or a query result, for choosing what to chart.',
    input: chartSourceInput,
    output: z.array(resultColumnSchema),
  }),
  'data.chart': call({
    summary: 'Chart data for plotly, aggregated in DuckDB: histogram, box, violin, bar, scatter (binned past 50,000 points) or line.',
    input: chartInput,
    output: chartDataSchema,
  }),
  'charts.list': call({
    summary: 'The saved charts of the open workspace, by name.',
    input: noInput,
    output: z.array(savedChartSchema),
  }),
  'charts.save': call({
    summary: 'Save a chart (its source and spec): a new one, or the one with this id.',
    input: saveChartInput,
    output: savedChartSchema,
  }),
  'charts.delete': call({
    summary: 'Delete a saved chart.',
    input: z.object({ id: z.string() }),
    output: z.object({ deleted: z.literal(true) }),
  }),

  'jobs.list': call({
    summary: 'Running jobs and recently finished ones, newest first.',
    input: noInput,
    output: z.array(jobSnapshotSchema),
  }),
  'jobs.get': call({
    summary: 'One job by id.',
    input: jobIdInput,
    output: jobSnapshotSchema,
  }),
  'jobs.cancel': call({
    summary: 'Ask a running job to stop; answers with its snapshot.',
    input: jobIdInput,
    output: jobSnapshotSchema,
  }),

  'host.pickFolder': call({
    summary: 'Show the native folder picker (desktop app only).',
    input: z.object({ title: z.string().max(200).optional() }).strict(),
    output: z.object({ path: z.string().nullable() }),
  }),
} as const;

/** Events the backend pushes; clients subscribe by name. */
export const events = {
  'jobs.changed': jobSnapshotSchema,
  'workspace.changed': workspaceInfoSchema.nullable(),
  'shell.command': z.object({ command: z.enum(shellCommands) }),
} as const;

export const contract = { procedures, events } as const;

export type Procedures = typeof procedures;
export type Events = typeof events;
export type ProcedureName = keyof Procedures;
export type EventName = keyof Events;
