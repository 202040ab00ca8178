import { z } from 'zod';

/** A path inside the workspace, relative, with forward slashes (as git writes it). */
export const repoPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((path) => !path.startsWith('/') && !path.split('/').includes('..') && !path.includes('\\'), 'a path relative to the workspace, without ".."');

export const refName = z
  .string()
  .trim()
  .min(1, 'a name is required')
  .max(250)
  // git check-ref-format, the parts a user can type wrong.
  .refine((name) => !/(^[-/.]|\.\.|[/.]$|\.lock$|@\{|[\s~^:?*[\\]|\/\/)/.test(name) && !name.split('').some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127) && name !== '@', 'not a valid git name (no spaces, "..", "~^:?*[\\", nor a leading "-")');

export const oid = z.string().regex(/^[0-9a-f]{40}$/, 'a full 40-character commit id');

/** What changed in the index against HEAD. */
export const stagedChange = z.enum(['added', 'modified', 'deleted']);
/** What changed in the working tree against the index. */
export const unstagedChange = z.enum(['modified', 'deleted', 'untracked']);

export const gitFileStatusSchema = z.object({
  path: z.string(),
  staged: stagedChange.nullable(),
  unstaged: unstagedChange.nullable(),
  /** Left with conflicts by a merge: both sides changed it. */
  conflicted: z.boolean(),
});
export type GitFileStatus = z.infer<typeof gitFileStatusSchema>;

export const mergeStateSchema = z.object({
  /** The commit being merged in (MERGE_HEAD). */
  theirs: z.string(),
  /** The branch or ref the user merged, as typed. */
  theirsName: z.string(),
  conflicts: z.array(z.string()),
});
export type MergeState = z.infer<typeof mergeStateSchema>;

export const gitStatusSchema = z.object({
  /** False when the workspace is not a git repository (yet): offer to initialise it. */
  repository: z.boolean(),
  /** The checked-out branch; null on a detached HEAD or outside a repository. */
  branch: z.string().nullable(),
  /** The commit HEAD points at; null before the first commit. */
  head: z.string().nullable(),
  detached: z.boolean(),
  /** The branch's upstream (`origin/main`) and how far it is ahead of and behind it. */
  upstream: z.string().nullable(),
  ahead: z.number().int().nonnegative(),
  behind: z.number().int().nonnegative(),
  merge: mergeStateSchema.nullable(),
  files: z.array(gitFileStatusSchema),
  /** True when more untracked files exist than are listed (the rest are counted only). */
  untrackedTruncated: z.boolean(),
  untrackedCount: z.number().int().nonnegative(),
});
export type GitStatus = z.infer<typeof gitStatusSchema>;

/** What a training run records: cheap to ask for on every run. */
export const provenanceSchema = z.object({
  repository: z.boolean(),
  commit: z.string().nullable(),
  branch: z.string().nullable(),
  /** Any staged, unstaged or untracked change outside ignored folders. */
  dirty: z.boolean(),
});
export type Provenance = z.infer<typeof provenanceSchema>;

export const diffSideInput = z.discriminatedUnion('kind', [
  /** Working tree against the index. */
  z.object({ kind: z.literal('unstaged'), path: repoPath }),
  /** Index against HEAD. */
  z.object({ kind: z.literal('staged'), path: repoPath }),
  /** A commit against its first parent. */
  z.object({ kind: z.literal('commit'), path: repoPath, commit: oid }),
]);

export const diffInput = z.object({
  target: diffSideInput,
  /** Notebooks: include outputs (and execution counts) in the compared text. */
  notebookOutputs: z.boolean().default(false),
});
export type DiffInput = z.input<typeof diffInput>;

export const cellChangeSchema = z.object({
  change: z.enum(['added', 'removed', 'modified', 'unchanged']),
  cellType: z.string(),
  /** Position in the old and new notebook (0-based); null for the side it is missing from. */
  oldIndex: z.number().int().nullable(),
  newIndex: z.number().int().nullable(),
});
export type CellChange = z.infer<typeof cellChangeSchema>;

export const fileDiffSchema = z.object({
  path: z.string(),
  /** Text of the old side; null when the file did not exist there, or it is binary or too large. */
  original: z.string().nullable(),
  modified: z.string().nullable(),
  /** Monaco language id guessed from the file name. */
  language: z.string(),
  binary: z.boolean(),
  /** Set when a side is over the diff limit: nothing is read past the limit. */
  tooLarge: z.object({ bytes: z.number(), limit: z.number() }).nullable(),
  /** Set for notebooks: the texts compared are the cells' sources, cell by cell. */
  notebook: z
    .object({
      outputs: z.boolean(),
      cells: z.array(cellChangeSchema),
      /** Set when a side is not valid notebook JSON and was compared as plain text. */
      unreadable: z.string().nullable(),
    })
    .nullable(),
});
export type FileDiff = z.infer<typeof fileDiffSchema>;

export const signatureSchema = z.object({
  name: z.string(),
  email: z.string(),
  /** Seconds since the epoch. */
  timestamp: z.number(),
  timezoneOffset: z.number(),
});

export const commitSummarySchema = z.object({
  oid: z.string(),
  parents: z.array(z.string()),
  /** The first line of the message. */
  subject: z.string(),
  author: signatureSchema,
  /** Branches and tags pointing here: `main`, `origin/main`, `tag: v1`, `HEAD`. */
  refs: z.array(z.string()),
});
export type CommitSummary = z.infer<typeof commitSummarySchema>;

export const logInput = z.object({
  limit: z.number().int().min(1).max(2000).default(200),
  /** Page on: the commits after this many, in the same order. */
  skip: z.number().int().min(0).default(0),
});

export const logSchema = z.object({
  commits: z.array(commitSummarySchema),
  hasMore: z.boolean(),
});
export type GitLog = z.infer<typeof logSchema>;

export const changedFileSchema = z.object({
  path: z.string(),
  change: z.enum(['added', 'modified', 'deleted']),
});

export const commitDetailsSchema = commitSummarySchema.extend({
  message: z.string(),
  committer: signatureSchema,
  /** Files changed against the first parent (against nothing for a root commit). */
  files: z.array(changedFileSchema),
});
export type CommitDetails = z.infer<typeof commitDetailsSchema>;

export const authorSchema = z.object({
  name: z.string().trim().min(1, 'a name is required').max(200),
  email: z.string().trim().min(3, 'an email is required').max(320).includes('@', { message: 'an email address is required' }),
});

export const authorInfoSchema = z.object({
  name: z.string().nullable(),
  email: z.string().nullable(),
  /** Where it came from: the repository's config, the workbench's settings, or ~/.gitconfig. */
  source: z.enum(['repository', 'workbench', 'global']).nullable(),
  /** The workbench's own setting, whether or not it is the one in force. */
  workbench: authorSchema.nullable(),
});
export type AuthorInfo = z.infer<typeof authorInfoSchema>;

export const commitInput = z.object({
  message: z.string().max(100_000).default(''),
  /** Replace the last commit (its message when this one is empty). */
  amend: z.boolean().default(false),
});

export const branchSchema = z.object({
  name: z.string(),
  oid: z.string(),
  current: z.boolean(),
  /** `origin/main` when it tracks one. */
  upstream: z.string().nullable(),
});

export const tagSchema = z.object({
  name: z.string(),
  /** The commit it points at. */
  oid: z.string(),
  annotated: z.boolean(),
});

export const refsSchema = z.object({
  current: z.string().nullable(),
  branches: z.array(branchSchema),
  /** `origin/main` and the like, as last fetched. */
  remoteBranches: z.array(z.object({ name: z.string(), oid: z.string() })),
  tags: z.array(tagSchema),
});
export type GitRefs = z.infer<typeof refsSchema>;

export const mergeResultSchema = z.object({
  result: z.enum(['up_to_date', 'fast_forward', 'merged', 'conflicts']),
  /** The new HEAD; null when conflicts are waiting. */
  oid: z.string().nullable(),
  conflicts: z.array(z.string()),
});
export type MergeResult = z.infer<typeof mergeResultSchema>;

export const remoteUrl = z
  .url('a URL such as https://host/owner/repo.git')
  .refine((url) => /^https?:\/\//i.test(url), 'only http(s) remotes are supported')
  .refine((url) => !/^https?:\/\/[^/]*@/i.test(url), 'put the user name and password in the credentials, not the URL');

export const credentialsInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('token'), token: z.string().min(1).max(4096), username: z.string().max(200).optional() }),
  z.object({ kind: z.literal('basic'), username: z.string().min(1).max(200), password: z.string().min(1).max(4096) }),
]);
export type CredentialsInput = z.infer<typeof credentialsInput>;

export const remoteSchema = z.object({
  name: z.string(),
  url: z.string(),
  /** What is kept for it (never the secret itself); null when nothing is. */
  credentials: z
    .object({
      kind: z.enum(['token', 'basic']),
      username: z.string().nullable(),
      /** False in server mode: kept in memory until the backend stops. */
      persisted: z.boolean(),
    })
    .nullable(),
});
export type GitRemote = z.infer<typeof remoteSchema>;

export const transferResultSchema = z.object({
  remote: z.string(),
  /** For pull: what the merge did; absent for fetch and push. */
  merge: mergeResultSchema.optional(),
  /** Refs that moved: `main: 1a2b3c4..5d6e7f8`. */
  updated: z.array(z.string()),
});
export type TransferResult = z.infer<typeof transferResultSchema>;

export const outboundEntrySchema = z.object({
  at: z.string(),
  action: z.string(),
  target: z.string(),
  detail: z.string(),
});
