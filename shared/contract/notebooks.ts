import { z } from 'zod';

/**
 * Notebooks and Jupyter: connections to Jupyter servers, kernels, and .ipynb
 * documents. A notebook crosses the API as its nbformat 4 JSON, with every
 * field it has (unknown ones included), so that saving keeps what the
 * workbench does not understand.
 */

export const jupyterServerKinds = ['discovered', 'local', 'remote'] as const;
export const jupyterServerStates = ['starting', 'running', 'stopped', 'failed', 'unreachable'] as const;

export const jupyterServerSchema = z.object({
  id: z.string(),
  /** discovered: already running on this machine; local: started by the workbench; remote: a URL and token. */
  kind: z.enum(jupyterServerKinds),
  label: z.string(),
  /** The base URL, without the token. */
  url: z.string(),
  state: z.enum(jupyterServerStates),
  /** Why the server is failed or unreachable, in words. */
  problem: z.string().nullable(),
  /** The workbench holds a token for it (never sent to the UI). */
  hasToken: z.boolean(),
  /** Whether the token survives a restart of the app (encrypted at rest); false in server mode. */
  tokenSaved: z.boolean(),
  pid: z.number().int().nullable(),
});
export type JupyterServer = z.infer<typeof jupyterServerSchema>;

export const jupyterStatusSchema = z.object({
  /** The command that starts a local Jupyter server, or null when Jupyter is not installed. */
  command: z.string().nullable(),
  /** How to install Jupyter on this system, shown when `command` is null. */
  installHint: z.string(),
  servers: z.array(jupyterServerSchema),
  /** The server the workspace's notebooks run on. */
  activeId: z.string().nullable(),
});
export type JupyterStatus = z.infer<typeof jupyterStatusSchema>;

export const connectRemoteInput = z.object({
  url: z
    .url()
    .trim()
    .refine((u) => /^https?:\/\//.test(u), 'the URL starts with http:// or https://'),
  token: z.string().max(4096),
  label: z.string().trim().max(200).optional(),
});

export const kernelSpecSchema = z.object({
  name: z.string(),
  displayName: z.string(),
  language: z.string(),
});
export type KernelSpec = z.infer<typeof kernelSpecSchema>;

export const kernelStates = ['unknown', 'starting', 'idle', 'busy', 'restarting', 'autorestarting', 'terminating', 'dead', 'disconnected'] as const;
export type KernelState = (typeof kernelStates)[number];

export const kernelSessionSchema = z.object({
  sessionId: z.string(),
  serverId: z.string(),
  /** The notebook it runs, relative to the workspace. */
  path: z.string(),
  kernelName: z.string(),
  state: z.enum(kernelStates),
});
export type KernelSession = z.infer<typeof kernelSessionSchema>;

/** A Jupyter MIME bundle: text values may come as lists of lines, as nbformat stores them. */
const mimeBundle = z.record(z.string(), z.unknown());

export const cellSchema = z
  .object({
    cell_type: z.enum(['code', 'markdown', 'raw']),
    id: z.string().optional(),
    source: z.union([z.string(), z.array(z.string())]),
    metadata: z.record(z.string(), z.unknown()),
    outputs: z.array(z.record(z.string(), z.unknown())).optional(),
    execution_count: z.number().int().nullable().optional(),
    attachments: z.record(z.string(), mimeBundle).optional(),
  })
  .loose();
export type NotebookCell = z.infer<typeof cellSchema>;

export const notebookSchema = z
  .object({
    nbformat: z.literal(4),
    nbformat_minor: z.number().int().nonnegative(),
    metadata: z.record(z.string(), z.unknown()),
    cells: z.array(cellSchema),
  })
  .loose();
export type NotebookDocument = z.infer<typeof notebookSchema>;

/** A notebook path inside the workspace, relative, ending in .ipynb. */
export const notebookPath = z
  .string()
  .trim()
  .min(1)
  .max(1000)
  .refine((p) => p.endsWith('.ipynb'), 'a notebook path ends in .ipynb');

export const openNotebookSchema = z.object({
  path: z.string(),
  notebook: notebookSchema,
  /** The file's modification time when read or written, to notice changes made elsewhere. */
  mtimeMs: z.number(),
});
export type OpenNotebook = z.infer<typeof openNotebookSchema>;

export const notebookFileSchema = z.object({ path: z.string(), size: z.number().int().nonnegative(), mtimeMs: z.number() });

export const saveNotebookInput = z.object({
  path: notebookPath,
  notebook: notebookSchema,
  /** The mtime the editor last saw; a different one on disk answers `conflict` unless `force`. */
  expectedMtimeMs: z.number().nullable(),
  force: z.boolean().default(false),
});

export const kernelMessageSchema = z.object({
  sessionId: z.string(),
  /** The request this message answers (execute, or null for kernel-wide messages). */
  requestId: z.string().nullable(),
  /**
   * iopub message types (stream, display_data, execute_result, update_display_data,
   * clear_output, error, execute_input) and `reply`, the end of an execution.
   */
  type: z.string(),
  content: z.record(z.string(), z.unknown()),
});
export type KernelMessage = z.infer<typeof kernelMessageSchema>;

export const executeInput = z.object({
  sessionId: z.string(),
  code: z.string().max(10_000_000),
  /** Chosen by the caller, so that it can tell its outputs apart before the call answers. */
  requestId: z.string().min(1).max(200),
});

export const completeInput = z.object({ sessionId: z.string(), code: z.string().max(1_000_000), cursor: z.number().int().nonnegative() });
export const completionSchema = z.object({
  matches: z.array(z.string()),
  cursorStart: z.number().int(),
  cursorEnd: z.number().int(),
});
export const inspectionSchema = z.object({ found: z.boolean(), data: mimeBundle });
