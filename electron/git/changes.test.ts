import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestBackend, type TestBackend } from '../../test/backend';
import { failure } from '../../test/helpers';
import { gitCli } from '../../test/git-repo';

let t: TestBackend;
beforeEach(async () => {
  t = await openTestBackend();
});
afterEach(() => t.close());

const write = (path: string, text: string | Buffer): void => {
  mkdirSync(join(t.workspace, path, '..'), { recursive: true });
  writeFileSync(join(t.workspace, path), text);
};

async function initWithAuthor(): Promise<void> {
  await t.client.call('git.init', {});
  await t.client.call('git.setAuthor', { name: 'Grace Hopper', email: 'grace@example.com' });
}

function notebook(cells: { source: string; outputs?: string; count?: number }[]): string {
  return `${JSON.stringify(
    {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: cells.map((cell, index) => ({
        id: `cell-${index}`,
        cell_type: 'code',
        metadata: {},
        execution_count: cell.count ?? null,
        source: cell.source,
        outputs: cell.outputs ? [{ output_type: 'stream', name: 'stdout', text: cell.outputs }] : [],
      })),
    },
    null,
    1,
  )}\n`;
}

describe('git through the API', () => {
  it('says when the workspace is not a repository, then initialises it with a .gitignore that keeps data and state out', async () => {
    expect((await t.client.call('git.status', {})).repository).toBe(false);
    expect((await failure(t.client.call('git.stage', { paths: ['a.py'] }))).code).toBe('git_not_repository');
    write('data/big.csv', 'a\n1\n');
    write('model.onnx', 'weights');
    write('train.py', 'print(1)\n');
    const status = await t.client.call('git.init', {});
    expect(status.repository).toBe(true);
    expect(status.branch).toBe('main');
    const ignore = readFileSync(join(t.workspace, '.gitignore'), 'utf8');
    expect(ignore).toContain('.workbench/');
    expect(ignore).toContain('.ipynb_checkpoints/');
    // What git itself makes of it: only code and the .gitignore are candidates.
    expect(status.files.map((file) => file.path)).toEqual(['.gitignore', 'train.py']);
    expect(gitCli(t.workspace, 'status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean).sort()).toEqual(['?? .gitignore', '?? train.py']);
    expect((await failure(t.client.call('git.init', {}))).code).toBe('conflict');
  });

  it('stages, commits, amends, unstages and reports provenance', async () => {
    await initWithAuthor();
    write('train.py', 'lr = 0.1\n');
    expect((await failure(t.client.call('git.commit', { message: 'nothing yet' }))).code).toBe('git_nothing_to_commit');
    let status = await t.client.call('git.stage', { paths: ['train.py', '.gitignore'] });
    expect(status.files.find((file) => file.path === 'train.py')?.staged).toBe('added');
    expect((await failure(t.client.call('git.commit', { message: '  ' }))).code).toBe('invalid_input');
    const first = await t.client.call('git.commit', { message: 'Train script' });
    expect(gitCli(t.workspace, 'log', '--format=%an <%ae>|%s').trim()).toBe('Grace Hopper <grace@example.com>|Train script');
    expect(gitCli(t.workspace, 'fsck', '--strict')).toBe('');
    expect(await t.client.call('git.provenance', {})).toEqual({ repository: true, commit: first.oid, branch: 'main', dirty: false });

    write('train.py', 'lr = 0.2\n');
    expect((await t.client.call('git.provenance', {})).dirty).toBe(true);
    await t.client.call('git.stage', { paths: ['train.py'] });
    status = await t.client.call('git.unstage', { paths: ['train.py'] });
    expect(status.files).toEqual([{ path: 'train.py', staged: null, unstaged: 'modified', conflicted: false }]);
    await t.client.call('git.stage', { paths: ['train.py'] });
    const amended = await t.client.call('git.commit', { message: 'Train script, lr 0.2', amend: true });
    expect(amended.oid).not.toBe(first.oid);
    expect(gitCli(t.workspace, 'rev-list', '--count', 'HEAD').trim()).toBe('1');
    expect(gitCli(t.workspace, 'show', 'HEAD:train.py')).toBe('lr = 0.2\n');
    expect(amended.status.files).toEqual([]);
  });

  it('takes the author from the repository config before the workbench setting', async () => {
    await initWithAuthor();
    expect(await t.client.call('git.author', {})).toMatchObject({ name: 'Grace Hopper', source: 'workbench' });
    gitCli(t.workspace, 'config', 'user.name', 'Repo Person');
    gitCli(t.workspace, 'config', 'user.email', 'repo@example.com');
    expect(await t.client.call('git.author', {})).toMatchObject({ name: 'Repo Person', email: 'repo@example.com', source: 'repository' });
    write('a.py', '1\n');
    await t.client.call('git.stage', { paths: ['a.py'] });
    await t.client.call('git.commit', { message: 'one' });
    expect(gitCli(t.workspace, 'log', '-1', '--format=%an').trim()).toBe('Repo Person');
  });

  it('discards unstaged changes only, deleting untracked files, after keeping a copy', async () => {
    await initWithAuthor();
    write('a.py', 'one\n');
    await t.client.call('git.stage', { paths: ['a.py'] });
    await t.client.call('git.commit', { message: 'one' });
    write('a.py', 'staged\n');
    await t.client.call('git.stage', { paths: ['a.py'] });
    write('a.py', 'staged and more\n');
    write('scratch.py', 'temp\n');
    const { status, backup } = await t.client.call('git.discard', { paths: ['a.py', 'scratch.py'], confirmed: true });
    expect(readFileSync(join(t.workspace, 'a.py'), 'utf8')).toBe('staged\n');
    expect(existsSync(join(t.workspace, 'scratch.py'))).toBe(false);
    expect(status.files.filter((file) => file.path !== '.gitignore')).toEqual([{ path: 'a.py', staged: 'modified', unstaged: null, conflicted: false }]);
    expect(backup).not.toBeNull();
    expect(readFileSync(join(backup ?? '', 'a.py'), 'utf8')).toBe('staged and more\n');
    expect(readFileSync(join(backup ?? '', 'scratch.py'), 'utf8')).toBe('temp\n');
    expect((await failure(t.client.call('git.discard', { paths: ['a.py'], confirmed: true }))).code).toBe('invalid_input');
  });

  it('diffs text, flags binary and too-large files without reading them whole', async () => {
    await initWithAuthor();
    write('a.py', 'x = 1\ny = 2\n');
    write('blob.bin', Buffer.from([1, 2, 0, 3]));
    await t.client.call('git.stage', { paths: ['a.py', 'blob.bin'] });
    await t.client.call('git.commit', { message: 'one' });
    write('a.py', 'x = 1\ny = 3\n');
    const diff = await t.client.call('git.diff', { target: { kind: 'unstaged', path: 'a.py' } });
    expect(diff).toMatchObject({ original: 'x = 1\ny = 2\n', modified: 'x = 1\ny = 3\n', language: 'python', binary: false, tooLarge: null });
    await t.client.call('git.stage', { paths: ['a.py'] });
    expect(await t.client.call('git.diff', { target: { kind: 'staged', path: 'a.py' } })).toMatchObject({ original: 'x = 1\ny = 2\n', modified: 'x = 1\ny = 3\n' });
    write('blob.bin', Buffer.from([9, 0, 9]));
    expect((await t.client.call('git.diff', { target: { kind: 'unstaged', path: 'blob.bin' } })).binary).toBe(true);
    writeFileSync(join(t.workspace, 'huge.sql'), Buffer.alloc(6 * 1024 * 1024, 'a'));
    const huge = await t.client.call('git.diff', { target: { kind: 'unstaged', path: 'huge.sql' } });
    expect(huge.tooLarge).toEqual({ bytes: 6 * 1024 * 1024, limit: 5 * 1024 * 1024 });
    expect(huge.modified).toBeNull();
  });

  it('diffs a notebook cell by cell on its source, ignoring outputs and execution counts unless asked', async () => {
    await initWithAuthor();
    write('eda.ipynb', notebook([{ source: 'import pandas as pd' }, { source: 'df.head()', outputs: 'old output\n', count: 1 }, { source: 'df.describe()' }]));
    await t.client.call('git.stage', { paths: ['eda.ipynb'] });
    await t.client.call('git.commit', { message: 'notebook' });

    // Only outputs and counts change: no difference in the source view.
    write('eda.ipynb', notebook([{ source: 'import pandas as pd' }, { source: 'df.head()', outputs: 'new output\n', count: 7 }, { source: 'df.describe()' }]));
    let diff = await t.client.call('git.diff', { target: { kind: 'unstaged', path: 'eda.ipynb' } });
    expect(diff.original).toBe(diff.modified);
    expect(diff.notebook?.cells.map((cell) => cell.change)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    diff = await t.client.call('git.diff', { target: { kind: 'unstaged', path: 'eda.ipynb' }, notebookOutputs: true });
    expect(diff.original).toContain('old output');
    expect(diff.modified).toContain('new output');
    expect(diff.modified).toContain('In [7]');
    expect(diff.notebook?.cells.map((cell) => cell.change)).toEqual(['unchanged', 'modified', 'unchanged']);

    // A source edit and a new cell.
    const edited = JSON.parse(notebook([{ source: 'import pandas as pd' }, { source: 'df.tail()' }, { source: 'df.describe()' }, { source: 'df.plot()' }])) as { cells: { id: string }[] };
    edited.cells[3] = { ...(edited.cells[3] as { id: string }), id: 'brand-new' };
    write('eda.ipynb', JSON.stringify(edited));
    diff = await t.client.call('git.diff', { target: { kind: 'unstaged', path: 'eda.ipynb' } });
    expect(diff.notebook?.cells.map((cell) => cell.change)).toEqual(['unchanged', 'modified', 'unchanged', 'added']);
    expect(diff.original).toContain('df.head()');
    expect(diff.modified).toContain('df.tail()');
    expect(diff.modified).not.toContain('"cell_type"');

    write('eda.ipynb', '{ not json');
    diff = await t.client.call('git.diff', { target: { kind: 'unstaged', path: 'eda.ipynb' } });
    expect(diff.notebook?.unreadable).toContain('new side');
    expect(diff.modified).toBe('{ not json');
  });

  it('rebuilds a corrupt index from HEAD, keeping the broken one and every working change', async () => {
    await initWithAuthor();
    write('a.py', 'one\n');
    write('b.py', 'two\n');
    await t.client.call('git.stage', { paths: ['a.py', 'b.py'] });
    await t.client.call('git.commit', { message: 'one' });
    write('b.py', 'two, edited\n');
    writeFileSync(join(t.workspace, '.git', 'index'), 'garbage that is not an index at all, long enough to be read');
    const problem = await failure(t.client.call('git.status', {}));
    expect(problem.code).toBe('git_index_corrupt');
    const status = await t.client.call('git.repairIndex', {});
    expect(status.files.filter((file) => file.path !== '.gitignore')).toEqual([{ path: 'b.py', staged: null, unstaged: 'modified', conflicted: false }]);
    expect(readFileSync(join(t.workspace, 'b.py'), 'utf8')).toBe('two, edited\n');
    expect(gitCli(t.workspace, 'status', '--porcelain', 'b.py').trim()).toBe('M b.py');
    const backups = readdirSync(join(t.workspace, '.workbench', 'backups', 'index'));
    expect(readFileSync(join(t.workspace, '.workbench', 'backups', 'index', backups[0] ?? '', 'index'), 'utf8')).toContain('garbage');
  });

  it('lists a merge conflict, refuses to commit until it is resolved, then concludes the merge with two parents', async () => {
    await initWithAuthor();
    write('params.py', 'lr = 0.1\n');
    await t.client.call('git.stage', { paths: ['params.py', '.gitignore'] });
    await t.client.call('git.commit', { message: 'base' });
    await t.client.call('git.createBranch', { name: 'tuning', checkout: true });
    write('params.py', 'lr = 0.01\n');
    await t.client.call('git.stage', { paths: ['params.py'] });
    const theirs = await t.client.call('git.commit', { message: 'smaller lr' });
    await t.client.call('git.switch', { ref: 'main' });
    write('params.py', 'lr = 0.5\n');
    await t.client.call('git.stage', { paths: ['params.py'] });
    const ours = await t.client.call('git.commit', { message: 'bigger lr' });

    const result = await t.client.call('git.merge', { theirs: 'tuning' });
    expect(result).toEqual({ result: 'conflicts', oid: null, conflicts: ['params.py'] });
    let status = await t.client.call('git.status', {});
    expect(status.merge).toMatchObject({ theirs: theirs.oid, conflicts: ['params.py'] });
    expect(status.files).toEqual([{ path: 'params.py', staged: null, unstaged: 'modified', conflicted: true }]);
    expect(readFileSync(join(t.workspace, 'params.py'), 'utf8')).toMatch(/<<<<<<<[^]*lr = 0.5[^]*=======[^]*lr = 0.01[^]*>>>>>>>/);
    const conflictDiff = await t.client.call('git.diff', { target: { kind: 'unstaged', path: 'params.py' } });
    expect(conflictDiff.original).toBe('lr = 0.5\n');
    expect(conflictDiff.modified).toContain('=======');
    const refused = await failure(t.client.call('git.commit', { message: 'merge' }));
    expect(refused.code).toBe('git_merge_conflict');
    expect(refused.message).toContain('params.py');

    write('params.py', 'lr = 0.05\n');
    status = await t.client.call('git.stage', { paths: ['params.py'] });
    expect(status.merge?.conflicts).toEqual([]);
    const merged = await t.client.call('git.commit', { message: "Merge branch 'tuning'" });
    expect(gitCli(t.workspace, 'log', '-1', '--format=%P').trim()).toBe(`${ours.oid} ${theirs.oid}`);
    expect(merged.status.merge).toBeNull();
    expect(existsSync(join(t.workspace, '.git', 'MERGE_HEAD'))).toBe(false);
    expect(gitCli(t.workspace, 'status', '--porcelain', '--untracked-files=no')).toBe('');
  });

  it('refuses to commit on a detached HEAD, saying how to get a branch back', async () => {
    await initWithAuthor();
    write('a.py', '1\n');
    await t.client.call('git.stage', { paths: ['a.py', '.gitignore'] });
    await t.client.call('git.commit', { message: 'one' });
    await t.client.call('git.createTag', { name: 'v1' });
    const status = await t.client.call('git.switch', { ref: 'v1' });
    expect(status).toMatchObject({ detached: true, branch: null });
    write('a.py', '2\n');
    await t.client.call('git.stage', { paths: ['a.py'] });
    const refused = await failure(t.client.call('git.commit', { message: 'lost?' }));
    expect(refused.code).toBe('git_detached_head');
    expect(refused.message).toMatch(/branch/);
    expect(readFileSync(join(t.workspace, 'a.py'), 'utf8')).toBe('2\n');
  });

  it('sends git.changed after a change made through the API', async () => {
    await initWithAuthor();
    const seen: string[][] = [];
    const stop = t.client.on('git.changed', (status) => seen.push(status.files.map((file) => `${file.staged ?? '-'}:${file.path}`)));
    write('a.py', '1\n');
    appendFileSync(join(t.workspace, 'a.py'), '2\n');
    await t.client.call('git.stage', { paths: ['a.py'] });
    const deadline = Date.now() + 3000;
    while (!seen.some((files) => files.includes('added:a.py')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    stop();
    expect(seen.some((files) => files.includes('added:a.py'))).toBe(true);
  });
});
