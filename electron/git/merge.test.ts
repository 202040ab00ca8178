import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, tempDir } from '../../test/helpers';
import { gitCli, testAuthor, testRepo } from '../../test/git-repo';
import { abortMerge, finishMerge, mergeBranch, mergeParents, readMergeState } from './merge';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ path: dir, cleanup } = tempDir('git-merge-'));
  gitCli(dir, 'init', '-q', '-b', 'main');
});
afterEach(() => cleanup());

const write = (path: string, text: string, root = dir): void => {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
};
const read = (path: string, root = dir): string => readFileSync(join(root, path), 'utf8');
const rev = (ref: string): string => gitCli(dir, 'rev-parse', ref).trim();
const porcelain = (root = dir): string[] => gitCli(root, 'status', '--porcelain=v1', '--untracked-files=all').split('\n').filter(Boolean).sort();

function commit(message: string, files: Record<string, string | null>): string {
  for (const [path, text] of Object.entries(files)) {
    if (text === null) rmSync(join(dir, path), { recursive: true });
    else write(path, text);
  }
  gitCli(dir, 'add', '-A');
  gitCli(dir, 'commit', '-q', '-m', message);
  return rev('HEAD');
}

const noMerge = { fastForwardOnly: false };

/**
 * base: a.txt (5 lines), b, c, e, old/x.py
 * feature: a.txt line 2 changed, b changed, c deleted, d and dir/new.txt added, old/ removed
 * main: a.txt line 2 changed differently (conflict) or line 4 (clean), f added
 */
function diverged(conflicting: boolean): { base: string; ours: string; theirs: string } {
  const base = commit('base', { 'a.txt': 'line1\nline2\nline3\nline4\nline5\n', 'b.txt': 'b\n', 'c.txt': 'c\n', 'e.txt': 'e\n', 'old/x.py': 'x\n' });
  gitCli(dir, 'switch', '-q', '-c', 'feature');
  const theirs = commit('feature work', { 'a.txt': 'line1\ntheirs\nline3\nline4\nline5\n', 'b.txt': 'b theirs\n', 'c.txt': null, 'd.txt': 'd\n', 'dir/new.txt': 'new\n', old: null });
  gitCli(dir, 'switch', '-q', 'main');
  const ours = commit('main work', { 'a.txt': conflicting ? 'line1\nours\nline3\nline4\nline5\n' : 'line1\nline2\nline3\nours\nline5\n', 'f.txt': 'f\n' });
  return { base, ours, theirs };
}

describe('mergeBranch', () => {
  it('fast-forwards when the branch is behind, updating the working tree', async () => {
    const base = commit('base', { 'a.txt': '1\n', 'gone.txt': 'g\n' });
    gitCli(dir, 'switch', '-q', '-c', 'feature');
    const ahead = commit('ahead', { 'a.txt': '2\n', 'gone.txt': null, 'src/deep/new.py': 'n\n' });
    gitCli(dir, 'switch', '-q', 'main');
    const repo = testRepo(dir);
    expect(await mergeBranch(repo, 'feature', noMerge)).toEqual({ result: 'fast_forward', oid: ahead, conflicts: [] });
    expect(rev('main')).toBe(ahead);
    expect(gitCli(dir, 'symbolic-ref', 'HEAD').trim()).toBe('refs/heads/main');
    expect(read('a.txt')).toBe('2\n');
    expect(read('src/deep/new.py')).toBe('n\n');
    expect(existsSync(join(dir, 'gone.txt'))).toBe(false);
    expect(porcelain()).toEqual([]);
    expect(rev('ORIG_HEAD')).toBe(base);
    expect(repo.changes).toBeGreaterThan(0);
  });

  it('fast-forwards a branch with no commits yet (a first pull), keeping untracked files', async () => {
    const theirs = commit('theirs', { 'a.txt': '1\n', 'src/b.py': 'b\n' });
    gitCli(dir, 'update-ref', 'refs/remotes/origin/main', theirs);
    gitCli(dir, 'switch', '-q', '--orphan', 'fresh'); // no commits, empty index and tree
    write('notes.txt', 'mine\n');
    expect(await mergeBranch(testRepo(dir), 'origin/main', noMerge)).toEqual({ result: 'fast_forward', oid: theirs, conflicts: [] });
    expect(rev('fresh')).toBe(theirs);
    expect(read('src/b.py')).toBe('b\n');
    expect(porcelain()).toEqual(['?? notes.txt']);
  });

  it('says up to date when the branch is already merged', async () => {
    const first = commit('one', { 'a.txt': '1\n' });
    gitCli(dir, 'branch', 'old', first);
    const second = commit('two', { 'a.txt': '2\n' });
    expect(await mergeBranch(testRepo(dir), 'old', noMerge)).toEqual({ result: 'up_to_date', oid: second, conflicts: [] });
    expect(await mergeBranch(testRepo(dir), 'main', noMerge)).toEqual({ result: 'up_to_date', oid: second, conflicts: [] });
    expect(rev('HEAD')).toBe(second);
  });

  it('makes a merge commit with both parents when both sides moved on', async () => {
    const { ours, theirs } = diverged(false);
    const repo = testRepo(dir);
    const result = await mergeBranch(repo, 'feature', noMerge);
    expect(result.result).toBe('merged');
    expect(result.conflicts).toEqual([]);
    expect(rev('HEAD')).toBe(result.oid);
    expect(gitCli(dir, 'log', '--format=%P', '-1').trim()).toBe(`${ours} ${theirs}`);
    expect(gitCli(dir, 'log', '--format=%s|%an|%ae', '-1').trim()).toBe(`Merge branch 'feature'|${testAuthor.name}|${testAuthor.email}`);
    expect(gitCli(dir, 'fsck', '--no-dangling').trim()).toBe('');
    expect(read('a.txt')).toBe('line1\ntheirs\nline3\nours\nline5\n'); // both edits, merged line by line
    expect(read('b.txt')).toBe('b theirs\n');
    expect(read('d.txt')).toBe('d\n');
    expect(read('dir/new.txt')).toBe('new\n');
    expect(read('f.txt')).toBe('f\n');
    expect(existsSync(join(dir, 'c.txt'))).toBe(false);
    expect(existsSync(join(dir, 'old'))).toBe(false);
    expect(porcelain()).toEqual([]);
  });

  it('with fast-forward only, refuses a merge that needs a merge commit and changes nothing', async () => {
    const { ours } = diverged(false);
    const error = await failure(mergeBranch(testRepo(dir), 'feature', { fastForwardOnly: true }));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('fast-forward');
    expect(rev('HEAD')).toBe(ours);
    expect(porcelain()).toEqual([]);
  });

  it('leaves conflicts as git does: markers in the file, conflict stages in the index, MERGE_HEAD for the CLI', async () => {
    const { ours, theirs } = diverged(true);
    // The same merge by the git CLI, in a copy, to compare with.
    const copy = join(dir, '..', `${dir.split('/').pop() ?? 'x'}-cli`);
    cpSync(dir, copy, { recursive: true });
    try {
      expect(() => gitCli(copy, 'merge', 'feature')).toThrow();

      const repo = testRepo(dir);
      const result = await mergeBranch(repo, 'feature', noMerge);
      expect(result).toEqual({ result: 'conflicts', oid: null, conflicts: ['a.txt'] });
      expect(rev('HEAD')).toBe(ours);
      expect(read('a.txt')).toBe('line1\n<<<<<<< main\nours\n=======\ntheirs\n>>>>>>> feature\nline3\nline4\nline5\n');
      expect(read('.git/MERGE_HEAD')).toBe(`${theirs}\n`);
      expect(read('.git/MERGE_MSG')).toContain("Merge branch 'feature'");
      expect(existsSync(join(dir, '.git/MERGE_MODE'))).toBe(true);
      // What only they changed is staged, as the CLI does it.
      expect(porcelain()).toEqual(['A  d.txt', 'A  dir/new.txt', 'D  c.txt', 'D  old/x.py', 'M  b.txt', 'UU a.txt']);
      expect(porcelain()).toEqual(porcelain(copy));
      expect(gitCli(dir, 'ls-files', '--stage', 'a.txt').trim().split('\n').map((line) => line.split(/\s+/)[2])).toEqual(['1', '2', '3']);
      expect(gitCli(dir, 'status')).toContain('You have unmerged paths');

      expect(await readMergeState(repo)).toEqual({ theirs, theirsName: 'feature', conflicts: ['a.txt'] });
      expect(await readMergeState(testRepo(copy))).toEqual({ theirs, theirsName: 'feature', conflicts: ['a.txt'] });
      expect(await mergeParents(repo)).toEqual([theirs]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('concludes a merge with a two-parent commit once conflicts are resolved and staged', async () => {
    const { ours, theirs } = diverged(true);
    const repo = testRepo(dir);
    await mergeBranch(repo, 'feature', noMerge);
    write('a.txt', 'line1\nboth\nline3\n');
    gitCli(dir, 'add', 'a.txt');
    expect((await readMergeState(repo))?.conflicts).toEqual([]);
    const parents = await mergeParents(repo);
    const oid = await git.commit({ fs: repo.fs, dir, message: "Merge branch 'feature'\n", author: testAuthor, parent: [ours, ...(parents ?? [])] });
    await finishMerge(repo);
    expect(await readMergeState(repo)).toBeNull();
    expect(await mergeParents(repo)).toBeNull();
    expect(existsSync(join(dir, '.git/MERGE_HEAD'))).toBe(false);
    expect(gitCli(dir, 'log', '--format=%P', '-1', oid).trim()).toBe(`${ours} ${theirs}`);
    expect(gitCli(dir, 'fsck', '--no-dangling').trim()).toBe('');
    expect(porcelain()).toEqual([]);
    expect(gitCli(dir, 'ls-tree', '-r', '--name-only', 'HEAD').trim().split('\n')).toEqual(['a.txt', 'b.txt', 'd.txt', 'dir/new.txt', 'e.txt', 'f.txt']);
  });

  it('aborting puts the touched files back to HEAD, keeps a backup of the conflicted ones and leaves other changes alone', async () => {
    const { ours } = diverged(true);
    const repo = testRepo(dir);
    await mergeBranch(repo, 'feature', noMerge);
    write('a.txt', 'my half-done resolution\n');
    write('e.txt', 'edited while merging\n'); // not touched by the merge

    const backup = await abortMerge(repo);
    expect(backup).not.toBeNull();
    expect(read('a.txt', backup ?? '')).toBe('my half-done resolution\n');
    expect(read('a.txt')).toBe('line1\nours\nline3\nline4\nline5\n');
    expect(read('b.txt')).toBe('b\n');
    expect(read('c.txt')).toBe('c\n');
    expect(read('old/x.py')).toBe('x\n');
    expect(existsSync(join(dir, 'd.txt'))).toBe(false);
    expect(existsSync(join(dir, 'dir'))).toBe(false);
    expect(read('e.txt')).toBe('edited while merging\n');
    expect(rev('HEAD')).toBe(ours);
    expect(existsSync(join(dir, '.git/MERGE_HEAD'))).toBe(false);
    expect(await readMergeState(repo)).toBeNull();
    expect(porcelain().filter((line) => !line.startsWith('?? .workbench/'))).toEqual([' M e.txt']);
    expect((await failure(abortMerge(repo))).code).toBe('conflict');
  });

  it('matches the CLI on delete/modify and add/add conflicts, a file turned folder and an executable file', async () => {
    commit('base', { 'mod-del.txt': 'm\n', 'del-mod.txt': 'd\n', 'shared.txt': '1\n2\n3\n', 'thing': 'file\n', 'run.sh': 'echo\n' });
    gitCli(dir, 'switch', '-q', '-c', 'feature');
    rmSync(join(dir, 'thing'));
    write('thing/inside.txt', 'folder now\n');
    chmodSync(join(dir, 'run.sh'), 0o755);
    commit('theirs', { 'mod-del.txt': null, 'del-mod.txt': 'd theirs\n', 'both-added.txt': 'theirs\n', 'shared.txt': '1\ntheirs\n3\n' });
    gitCli(dir, 'switch', '-q', 'main');
    const ours = commit('ours', { 'mod-del.txt': 'm ours\n', 'del-mod.txt': null, 'both-added.txt': 'ours\n', 'shared.txt': '1\nours\n3\n' });
    const copy = join(dir, '..', `${dir.split('/').pop() ?? 'x'}-cli2`);
    cpSync(dir, copy, { recursive: true });
    try {
      expect(() => gitCli(copy, 'merge', 'feature')).toThrow();
      const repo = testRepo(dir);
      const result = await mergeBranch(repo, 'feature', noMerge);
      expect(result.conflicts).toEqual(['both-added.txt', 'del-mod.txt', 'mod-del.txt', 'shared.txt']);
      expect(porcelain()).toEqual(porcelain(copy));
      expect(read('thing/inside.txt')).toBe('folder now\n');
      expect(gitCli(dir, 'ls-files', '--stage', 'run.sh').split(' ')[0]).toBe('100755');
      expect(statSync(join(dir, 'run.sh')).mode & 0o111).not.toBe(0);
      expect(await readMergeState(repo)).toMatchObject({ conflicts: result.conflicts });

      await abortMerge(repo);
      expect(rev('HEAD')).toBe(ours);
      expect(read('thing')).toBe('file\n');
      expect(porcelain().filter((line) => !line.startsWith('?? .workbench/'))).toEqual([]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('refuses with local changes to tracked files, naming them, and changes nothing', async () => {
    const { ours } = diverged(false);
    write('b.txt', 'unsaved\n');
    const error = await failure(mergeBranch(testRepo(dir), 'feature', noMerge));
    expect(error.code).toBe('git_local_changes');
    expect(error.message).toContain('b.txt');
    expect(error.message).toContain('Commit or discard');
    expect(error.details?.files).toEqual(['b.txt']);
    expect(read('b.txt')).toBe('unsaved\n');
    expect(rev('HEAD')).toBe(ours);
  });

  it('refuses when an untracked file is where the merge brings one', async () => {
    const { ours } = diverged(true);
    write('d.txt', 'mine, untracked\n');
    const error = await failure(mergeBranch(testRepo(dir), 'feature', noMerge));
    expect(error.code).toBe('git_local_changes');
    expect(error.details?.files).toEqual(['d.txt']);
    expect(read('d.txt')).toBe('mine, untracked\n');
    expect(rev('HEAD')).toBe(ours);
    expect(existsSync(join(dir, '.git/MERGE_HEAD'))).toBe(false);
  });

  it('refuses on a detached HEAD, for an unknown branch, and while a merge is in progress', async () => {
    const { ours } = diverged(true);
    const repo = testRepo(dir);
    expect((await failure(mergeBranch(repo, 'nothing-here', noMerge))).code).toBe('not_found');
    await mergeBranch(repo, 'feature', noMerge);
    const again = await failure(mergeBranch(repo, 'feature', noMerge));
    expect(again.code).toBe('git_merge_conflict');
    await abortMerge(repo);
    gitCli(dir, 'switch', '-q', '--detach', ours);
    expect((await failure(mergeBranch(repo, 'feature', noMerge))).code).toBe('git_detached_head');
  });
});
