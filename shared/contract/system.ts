import { z } from 'zod';

export const healthSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
});
export type Health = z.infer<typeof healthSchema>;

export const hostModes = ['electron', 'server'] as const;
export type HostMode = (typeof hostModes)[number];

export const systemInfoSchema = z.object({
  version: z.string(),
  mode: z.enum(hostModes),
  platform: z.string(),
  nodeVersion: z.string(),
  /** Whether the host can show native dialogs (the desktop app can, a browser cannot). */
  nativeDialogs: z.boolean(),
});
export type SystemInfo = z.infer<typeof systemInfoSchema>;

/** Commands that the desktop shell's menus send to the UI. */
export const shellCommands = [
  'workspace.openDialog',
  'workspace.createDialog',
  'palette.open',
  'view.data',
  'view.notebooks',
  'view.sourceControl',
  'view.experiments',
  'view.models',
  'view.serving',
  'view.monitoring',
  'view.workspace',
] as const;
export type ShellCommand = (typeof shellCommands)[number];
