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
import { queueEntrySchema } from './automation';
import { gitProcedures } from './git-procedures';
import { modelingProcedures } from './modeling-procedures';
import { alertSchema } from './monitoring';
import { monitoringProcedures } from './monitoring-procedures';
import { servingRequestSchema } from './serving';
import { shippingProcedures } from './shipping-procedures';
import { trackingChangeSchema } from './tracking';
import { gitStatusSchema } from './git';
import { jobIdInput, jobSnapshotSchema } from './jobs';
import {
  completeInput,
  completionSchema,
  connectRemoteInput,
  executeInput,
  inspectionSchema,
  jupyterServerSchema,
  jupyterStatusSchema,
  kernelMessageSchema,
  kernelSessionSchema,
  kernelSpecSchema,
  notebookFileSchema,
  notebookPath,
  openNotebookSchema,
  saveNotebookInput,
} from './notebooks';
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

  'jupyter.status': call({
    summary: 'Whether Jupyter is installed, the servers known to the workspace (running ones on this machine found afresh), and the one in use.',
    input: noInput,
    output: jupyterStatusSchema,
  }),
  'jupyter.startLocal': job({
    summary: 'Start a Jupyter server for the workspace on 127.0.0.1 with a random token; it stops when the app quits.',
    title: 'Starting Jupyter',
    input: noInput,
    result: jupyterServerSchema,
  }),
  'jupyter.stop': call({
    summary: 'Stop a Jupyter server the workbench started.',
    input: z.object({ id: z.string() }),
    output: jupyterStatusSchema,
  }),
  'jupyter.connect': call({
    summary: 'Connect to a remote Jupyter server or JupyterHub by URL and token (checked before it is kept; the token is stored encrypted or not at all).',
    input: connectRemoteInput,
    output: jupyterServerSchema,
  }),
  'jupyter.use': call({
    summary: "Run the workspace's notebooks on this server.",
    input: z.object({ id: z.string() }),
    output: jupyterStatusSchema,
  }),
  'jupyter.forget': call({
    summary: 'Forget a remote server and its token.',
    input: z.object({ id: z.string() }),
    output: jupyterStatusSchema,
  }),
  'jupyter.log': call({
    summary: 'The latest lines a Jupyter server started by the workbench wrote.',
    input: z.object({ id: z.string() }),
    output: z.object({ lines: z.array(z.string()) }),
  }),

  'kernels.specs': call({
    summary: 'The kernels the server in use offers.',
    input: noInput,
    output: z.object({ defaultName: z.string().nullable(), specs: z.array(kernelSpecSchema) }),
  }),
  'kernels.start': call({
    summary: 'Start a kernel for a notebook on the server in use (or answer the one it already has).',
    input: z.object({ path: notebookPath, kernelName: z.string().min(1).max(200) }),
    output: kernelSessionSchema,
  }),
  'kernels.list': call({
    summary: 'The kernels the workbench holds, with their state.',
    input: noInput,
    output: z.array(kernelSessionSchema),
  }),
  'kernels.execute': call({
    summary: 'Run code; outputs stream as kernels.message events with this requestId, ending with a `reply`.',
    input: executeInput,
    output: z.object({ accepted: z.literal(true) }),
  }),
  'kernels.interrupt': call({
    summary: 'Interrupt the running cell.',
    input: z.object({ sessionId: z.string() }),
    output: kernelSessionSchema,
  }),
  'kernels.restart': call({
    summary: 'Restart the kernel (its variables are lost); also brings a dead kernel back.',
    input: z.object({ sessionId: z.string() }),
    output: kernelSessionSchema,
  }),
  'kernels.reconnect': call({
    summary: "Reconnect to a kernel whose connection dropped (done by itself too; this is the user's retry).",
    input: z.object({ sessionId: z.string() }),
    output: kernelSessionSchema,
  }),
  'kernels.shutdown': call({
    summary: 'Shut the kernel down.',
    input: z.object({ sessionId: z.string() }),
    output: z.object({ shutdown: z.literal(true) }),
  }),
  'kernels.complete': call({
    summary: "Completions at the cursor, from the kernel's complete_request.",
    input: completeInput,
    output: completionSchema,
  }),
  'kernels.inspect': call({
    summary: "Help for the name at the cursor, from the kernel's inspect_request.",
    input: completeInput,
    output: inspectionSchema,
  }),

  'notebooks.list': call({
    summary: 'The .ipynb files in the workspace (outside .workbench, .git and hidden folders).',
    input: noInput,
    output: z.array(notebookFileSchema),
  }),
  'notebooks.open': call({
    summary: 'Read and check a notebook (nbformat 4); a malformed one is refused with the reason and left untouched.',
    input: z.object({ path: notebookPath }),
    output: openNotebookSchema,
  }),
  'notebooks.create': call({
    summary: 'Create an empty notebook (never over an existing file).',
    input: z.object({ path: notebookPath, kernelName: z.string().max(200).optional() }),
    output: openNotebookSchema,
  }),
  'notebooks.save': call({
    summary: 'Write a notebook whole or not at all (temporary file, then rename), keeping unchanged parts byte for byte.',
    input: saveNotebookInput,
    output: z.object({ path: z.string(), mtimeMs: z.number() }),
  }),
  'notebooks.close': call({
    summary: 'Stop watching a notebook for changes on disk.',
    input: z.object({ path: notebookPath }),
    output: z.object({ closed: z.literal(true) }),
  }),
  'notebooks.datasetCell': call({
    summary: "Python that loads a dataset into a pandas DataFrame (through DuckDB's Python client when the kernel has it).",
    input: z.object({ datasetId: z.string() }),
    output: z.object({ code: z.string(), variable: z.string() }),
  }),

  ...gitProcedures,
  ...modelingProcedures,
  ...shippingProcedures,
  ...monitoringProcedures,

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
  'jupyter.changed': jupyterStatusSchema,
  'kernels.status': kernelSessionSchema,
  'kernels.message': kernelMessageSchema,
  /** An open notebook's file was changed by something else. */
  'notebooks.changedOnDisk': z.object({ path: z.string(), mtimeMs: z.number() }),
  /** The repository changed through the workbench (commit, stage, switch, merge, pull...). */
  'git.changed': gitStatusSchema,
  /** A run was created, changed status or logged metrics (batched, a few times a second at most). */
  'tracking.changed': trackingChangeSchema,
  /** A training queue entry changed state. */
  'training.queueChanged': queueEntrySchema,
  /** The registry changed (a version, an alias, a model). */
  'registry.changed': z.object({ name: z.string() }),
  /** A request a local model server answered (for the live log and latency chart). */
  'serving.request': servingRequestSchema,
  /** A model server started, stopped, or swapped a model in. */
  'serving.changed': z.object({ id: z.string() }),
  /** A monitoring report alerted (drift, or quality below its threshold). */
  'monitoring.alert': alertSchema,
} as const;

export const contract = { procedures, events } as const;

export type Procedures = typeof procedures;
export type Events = typeof events;
export type ProcedureName = keyof Procedures;
export type EventName = keyof Events;
