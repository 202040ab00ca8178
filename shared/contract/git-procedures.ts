import { z } from 'zod';
import { call, job } from './define';
import {
  authorInfoSchema,
  authorSchema,
  commitDetailsSchema,
  commitInput,
  credentialsInput,
  diffInput,
  fileDiffSchema,
  gitStatusSchema,
  logInput,
  logSchema,
  mergeResultSchema,
  oid,
  outboundEntrySchema,
  provenanceSchema,
  refName,
  refsSchema,
  remoteSchema,
  remoteUrl,
  repoPath,
  transferResultSchema,
} from './git';

const noInput = z.object({}).strict();
const paths = z.object({ paths: z.array(repoPath).min(1).max(100_000) });
const remoteInput = z.object({ remote: z.string().min(1).max(250).default('origin') });

/** Source control of the workspace (isomorphic-git in the backend; no git install needed). */
export const gitProcedures = {
  'git.status': call({
    summary: 'Staged, unstaged and untracked files (ignored folders are never walked), the branch, upstream distance and any merge in progress.',
    input: noInput,
    output: gitStatusSchema,
  }),
  'git.provenance': call({
    summary: 'The current commit and whether the tree is dirty, cheaply: what a training run records.',
    input: noInput,
    output: provenanceSchema,
  }),
  'git.init': call({
    summary: 'Make the workspace a repository, with a .gitignore that keeps .workbench/, data, models and notebook checkpoints out.',
    input: noInput,
    output: gitStatusSchema,
  }),
  'git.clone': job({
    summary: 'Clone an http(s) repository into a new folder (which must not exist or be empty) and open it as the workspace; credentials given are kept for it.',
    title: 'Cloning',
    input: z.object({ url: remoteUrl, path: z.string().trim().min(1), credentials: credentialsInput.optional() }),
    result: z.object({ path: z.string(), branch: z.string().nullable() }),
  }),
  'git.diff': call({
    summary: 'Both sides of one file for the diff editor; notebooks compare cell sources (outputs on request); binary and too-large files are flagged, not read.',
    input: diffInput,
    output: fileDiffSchema,
  }),
  'git.stage': call({
    summary: 'Stage files (deletions included).',
    input: paths,
    output: gitStatusSchema,
  }),
  'git.unstage': call({
    summary: 'Unstage files: the index takes them back from HEAD; the working tree is untouched.',
    input: paths,
    output: gitStatusSchema,
  }),
  'git.discard': call({
    summary: 'Throw away unstaged changes (untracked files are deleted). A copy of each is kept under .workbench/backups/discarded first.',
    input: paths.extend({ confirmed: z.literal(true, { message: 'discarding needs the user to confirm' }) }),
    output: z.object({ status: gitStatusSchema, backup: z.string().nullable() }),
  }),
  'git.commit': call({
    summary: 'Commit the staged changes (or finish a merge), or amend the last commit.',
    input: commitInput,
    output: z.object({ oid, status: gitStatusSchema }),
  }),
  'git.author': call({
    summary: 'Who commits: from the repository config, else the workbench setting, else ~/.gitconfig.',
    input: noInput,
    output: authorInfoSchema,
  }),
  'git.setAuthor': call({
    summary: "Set the workbench's commit author (used when the repository sets none).",
    input: authorSchema,
    output: authorInfoSchema,
  }),
  'git.log': call({
    summary: 'Commits reachable from every branch, remote branch and tag, newest first (topological), with their refs, for the history graph.',
    input: logInput,
    output: logSchema,
  }),
  'git.show': call({
    summary: "A commit's details and the files it changed.",
    input: z.object({ oid }),
    output: commitDetailsSchema,
  }),
  'git.refs': call({
    summary: 'Branches, remote branches and tags.',
    input: noInput,
    output: refsSchema,
  }),
  'git.createBranch': call({
    summary: 'Create a branch at HEAD or at a ref, and switch to it if asked.',
    input: z.object({ name: refName, from: z.string().max(250).optional(), checkout: z.boolean().default(false) }),
    output: refsSchema,
  }),
  'git.switch': call({
    summary: 'Switch to a branch (or check out a tag or commit, detached); refused when it would overwrite local changes.',
    input: z.object({ ref: z.string().min(1).max(250) }),
    output: gitStatusSchema,
  }),
  'git.renameBranch': call({
    summary: 'Rename a branch.',
    input: z.object({ from: refName, to: refName }),
    output: refsSchema,
  }),
  'git.deleteBranch': call({
    summary: 'Delete a branch; one not merged into HEAD needs force.',
    input: z.object({ name: refName, force: z.boolean().default(false) }),
    output: refsSchema,
  }),
  'git.createTag': call({
    summary: 'Tag a commit (HEAD by default); with a message the tag is annotated.',
    input: z.object({ name: refName, ref: z.string().max(250).optional(), message: z.string().max(10_000).optional() }),
    output: refsSchema,
  }),
  'git.deleteTag': call({
    summary: 'Delete a tag.',
    input: z.object({ name: refName }),
    output: refsSchema,
  }),
  'git.merge': call({
    summary: 'Merge a branch into the current one: fast-forward when possible, else a merge commit; conflicts are written into the files and listed.',
    input: z.object({ theirs: z.string().min(1).max(250), fastForwardOnly: z.boolean().default(false) }),
    output: mergeResultSchema,
  }),
  'git.abortMerge': call({
    summary: 'Give up a merge with conflicts: files go back to HEAD (conflicted ones are copied to .workbench/backups/merge first).',
    input: noInput,
    output: gitStatusSchema,
  }),
  'git.remotes': call({
    summary: 'The remotes, and which have credentials kept.',
    input: noInput,
    output: z.array(remoteSchema),
  }),
  'git.addRemote': call({
    summary: 'Add (or change the URL of) a remote.',
    input: z.object({ name: refName, url: remoteUrl }),
    output: z.array(remoteSchema),
  }),
  'git.removeRemote': call({
    summary: 'Remove a remote and its credentials.',
    input: z.object({ name: refName }),
    output: z.array(remoteSchema),
  }),
  'git.setCredentials': call({
    summary: "Keep credentials for a remote: encrypted by the OS keychain in the desktop app, in memory only in server mode.",
    input: z.object({ remote: z.string().min(1).max(250), credentials: credentialsInput }),
    output: z.array(remoteSchema),
  }),
  'git.forgetCredentials': call({
    summary: "Forget a remote's credentials.",
    input: z.object({ remote: z.string().min(1).max(250) }),
    output: z.array(remoteSchema),
  }),
  'git.fetch': job({
    summary: 'Fetch a remote.',
    title: 'Fetching',
    input: remoteInput,
    result: transferResultSchema,
  }),
  'git.pull': job({
    summary: "Fetch, then merge the current branch's upstream (fast-forward when possible).",
    title: 'Pulling',
    input: remoteInput,
    result: transferResultSchema,
  }),
  'git.push': job({
    summary: 'Push the current branch (setting its upstream); logged as data leaving the machine.',
    title: 'Pushing',
    input: remoteInput.extend({ branch: refName.optional() }),
    result: transferResultSchema,
  }),
  'git.outboundLog': call({
    summary: 'What the workbench sent off this machine (pushes), newest first.',
    input: z.object({ limit: z.number().int().min(1).max(1000).default(100) }),
    output: z.array(outboundEntrySchema),
  }),
  'git.repairIndex': call({
    summary: 'Rebuild a corrupt index from HEAD (the broken one is kept in .workbench/backups); working files are untouched.',
    input: noInput,
    output: gitStatusSchema,
  }),
} as const;
