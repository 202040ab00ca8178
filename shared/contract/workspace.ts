import { z } from 'zod';

export const workspaceInfoSchema = z.object({
  path: z.string(),
  name: z.string(),
  /** Schema version of the workspace's metadata store. */
  storeVersion: z.number().int(),
  createdAt: z.string(),
  /** True for the sample workspace created on first run. */
  isSample: z.boolean(),
});
export type WorkspaceInfo = z.infer<typeof workspaceInfoSchema>;

export const recentWorkspaceSchema = z.object({
  path: z.string(),
  name: z.string(),
  openedAt: z.string(),
  /** False when the folder is gone (moved, deleted, unmounted). */
  exists: z.boolean(),
});
export type RecentWorkspace = z.infer<typeof recentWorkspaceSchema>;

export const workspacePathInput = z.object({
  path: z.string().trim().min(1, 'a folder path is required'),
});

export const usageEntrySchema = z.object({
  name: z.string(),
  bytes: z.number().int().nonnegative(),
  files: z.number().int().nonnegative(),
});

export const workspaceUsageSchema = z.object({
  path: z.string(),
  totalBytes: z.number().int().nonnegative(),
  files: z.number().int().nonnegative(),
  /** One entry per top-level item of the workspace, largest first. */
  entries: z.array(usageEntrySchema),
});
export type WorkspaceUsage = z.infer<typeof workspaceUsageSchema>;
