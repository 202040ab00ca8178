import { z } from 'zod';
import { call, job } from './define';
import { jobIdInput, jobSnapshotSchema } from './jobs';
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
