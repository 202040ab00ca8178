import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, tempDir } from '../../test/helpers';
import { gitCli, testAuthor, testRepo } from '../../test/git-repo';
import { createBranch, createTag, deleteBranch, deleteTag, listRefs, renameBranch, switchRef } from './refs';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ path: dir, cleanup } = tempDir('git-refs-'));
  gitCli(dir, 'init', '-q', '-b', 'main');
});
afterEach(() => cleanup());

const write = (path: string, text: string): void => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};
const read = (path: string): string => readFileSync(join(dir, path), 'utf8');
const rev = (ref: string): string => gitCli(dir, 'rev-parse', ref).trim();
const porcelain = (): string => gitCli(dir, 'status', '--porcelain=v1', '--untracked-files=all').trimEnd();
const headRef = (): string => gitCli(dir, 'symbolic-ref', '-q', 'HEAD').trim();

function commit(message: string, files: Record<string, string | null>): string {
  for (const [path, text] of Object.entries(files)) {
    if (text === null) rmSync(join(dir, path));
    else write(path, text);
  }
  gitCli(dir, 'add', '-A');
  gitCli(dir, 'commit', '-q', '-m', message);
  return rev('HEAD');
}

/** main: shared files; other: a modified, b deleted, c added, a file turned into a folder, a folder emptied. */
function twoBranches(): { main: string; other: string } {
  const main = commit('base', { 'a.txt': 'a on main\n', 'b.txt': 'b\n', 'same.txt': 'same\n', 'thing': 'a file\n', 'old/deep/x.py': 'x\n' });
  gitCli(dir, 'switch', '-q', '-c', 'other');
  rmSync(join(dir, 'thing'));
  const other = commit('other', { 'a.txt': 'a on other\n', 'b.txt': null, 'c/new.txt': 'c\n', 'thing/inside.txt': 'now a folder\n', 'old/deep/x.py': null });
  gitCli(dir, 'switch', '-q', 'main');
  return { main, other };
}

describe('listRefs', () => {
  it('lists branches with their upstream, remote branches without origin/HEAD, and tags peeled to commits', async () => {
    const first = commit('one', { 'a.txt': '1\n' });
    const second = commit('two', { 'a.txt': '2\n' });
    gitCli(dir, 'branch', 'feature', first);
    gitCli(dir, 'remote', 'add', 'origin', 'https://example.com/repo.git');
    gitCli(dir, 'update-ref', 'refs/remotes/origin/main', first);
    gitCli(dir, 'update-ref', 'refs/remotes/origin/dev', second);
    gitCli(dir, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
    gitCli(dir, 'branch', '-q', '--set-upstream-to=origin/main', 'main');
    gitCli(dir, 'tag', 'light', first);
    gitCli(dir, 'tag', '-a', 'annotated', '-m', 'notes', second);
    gitCli(dir, 'pack-refs', '--all'); // packed refs must be read too
    gitCli(dir, 'tag', 'loose', second);

    expect(await listRefs(testRepo(dir))).toEqual({
      current: 'main',
      branches: [
        { name: 'feature', oid: first, current: false, upstream: null },
        { name: 'main', oid: second, current: true, upstream: 'origin/main' },
      ],
      remoteBranches: [
        { name: 'origin/dev', oid: second },
        { name: 'origin/main', oid: first },
      ],
      tags: [
        { name: 'annotated', oid: second, annotated: true },
        { name: 'light', oid: first, annotated: false },
        { name: 'loose', oid: second, annotated: false },
      ],
    });
  });

  it('has no current branch on a detached HEAD', async () => {
    const first = commit('one', { 'a.txt': '1\n' });
    gitCli(dir, 'switch', '-q', '--detach', first);
    const refs = await listRefs(testRepo(dir));
    expect(refs.current).toBeNull();
    expect(refs.branches.every((branch) => !branch.current)).toBe(true);
  });
});

describe('createBranch', () => {
  it('creates a branch at HEAD, or from a ref, and switches to it when asked', async () => {
    const first = commit('one', { 'a.txt': '1\n' });
    const second = commit('two', { 'a.txt': '2\n' });
    gitCli(dir, 'tag', 'v1', first);
    const repo = testRepo(dir);
    await createBranch(repo, 'here');
    expect(rev('here')).toBe(second);
    expect(headRef()).toBe('refs/heads/main');

    await createBranch(repo, 'from-tag', 'v1', true);
    expect(rev('from-tag')).toBe(first);
    expect(headRef()).toBe('refs/heads/from-tag');
    expect(read('a.txt')).toBe('1\n');
    expect(porcelain()).toBe('');
    expect(repo.changes).toBeGreaterThan(0);
  });

  it('refuses a name that exists (conflict) and a start that does not (not_found)', async () => {
    commit('one', { 'a.txt': '1\n' });
    const repo = testRepo(dir);
    expect((await failure(createBranch(repo, 'main'))).code).toBe('conflict');
    const missing = await failure(createBranch(repo, 'x', 'no-such-thing'));
    expect(missing.code).toBe('not_found');
    expect(missing.message).toContain('no-such-thing');
    expect(gitCli(dir, 'branch', '--list', 'x').trim()).toBe('');
  });

  it('a branch started from a remote branch tracks it', async () => {
    const first = commit('one', { 'a.txt': '1\n' });
    gitCli(dir, 'remote', 'add', 'origin', 'https://example.com/repo.git');
    gitCli(dir, 'update-ref', 'refs/remotes/origin/dev', first);
    await createBranch(testRepo(dir), 'dev-local', 'origin/dev');
    expect(gitCli(dir, 'rev-parse', '--abbrev-ref', 'dev-local@{upstream}').trim()).toBe('origin/dev');
  });
});

describe('switchRef', () => {
  it('switches branches, updating changed, added, deleted and retyped files and leaving a clean status', async () => {
    const { main, other } = twoBranches();
    const repo = testRepo(dir);
    await switchRef(repo, 'other');
    expect(headRef()).toBe('refs/heads/other');
    expect(rev('HEAD')).toBe(other);
    expect(read('a.txt')).toBe('a on other\n');
    expect(existsSync(join(dir, 'b.txt'))).toBe(false);
    expect(read('c/new.txt')).toBe('c\n');
    expect(read('thing/inside.txt')).toBe('now a folder\n');
    expect(existsSync(join(dir, 'old'))).toBe(false); // emptied folders go, as with git
    expect(porcelain()).toBe('');

    await switchRef(repo, 'main');
    expect(rev('HEAD')).toBe(main);
    expect(read('thing')).toBe('a file\n');
    expect(read('old/deep/x.py')).toBe('x\n');
    expect(existsSync(join(dir, 'c'))).toBe(false);
    expect(porcelain()).toBe('');
  });

  it('refuses to overwrite a local change, and the change is still there', async () => {
    const { main } = twoBranches();
    write('a.txt', 'my unsaved work\n');
    const repo = testRepo(dir);
    const error = await failure(switchRef(repo, 'other'));
    expect(error.code).toBe('git_local_changes');
    expect(error.message).toContain('a.txt');
    expect(error.details?.files).toEqual(['a.txt']);
    expect(read('a.txt')).toBe('my unsaved work\n');
    expect(rev('HEAD')).toBe(main);
    expect(headRef()).toBe('refs/heads/main');
    expect(porcelain()).toBe(' M a.txt');
  });

  it('refuses when a staged change would be lost', async () => {
    twoBranches();
    rmSync(join(dir, 'b.txt'));
    write('b.txt', 'staged edit\n');
    gitCli(dir, 'add', 'b.txt');
    const error = await failure(switchRef(testRepo(dir), 'other'));
    expect(error.code).toBe('git_local_changes');
    expect(error.details?.files).toEqual(['b.txt']);
    expect(read('b.txt')).toBe('staged edit\n');
  });

  it('refuses when an untracked file is where the target has one', async () => {
    twoBranches();
    write('c/new.txt', 'my own notes\n');
    const error = await failure(switchRef(testRepo(dir), 'other'));
    expect(error.code).toBe('git_local_changes');
    expect(error.details?.files).toEqual(['c/new.txt']);
    expect(read('c/new.txt')).toBe('my own notes\n');
    expect(headRef()).toBe('refs/heads/main');
  });

  it('refuses when an untracked file sits in a folder that the target turns into a file', async () => {
    twoBranches();
    await switchRef(testRepo(dir), 'other');
    write('thing/mine.txt', 'untracked\n');
    const error = await failure(switchRef(testRepo(dir), 'main'));
    expect(error.code).toBe('git_local_changes');
    expect(error.details?.files).toEqual(['thing/mine.txt']);
    expect(read('thing/mine.txt')).toBe('untracked\n');
  });

  it('carries local changes to files the switch does not touch', async () => {
    twoBranches();
    write('same.txt', 'edited\n');
    write('notes.txt', 'untracked\n');
    await switchRef(testRepo(dir), 'other');
    expect(headRef()).toBe('refs/heads/other');
    expect(read('same.txt')).toBe('edited\n');
    expect(read('notes.txt')).toBe('untracked\n');
    expect(porcelain().split('\n').sort()).toEqual([' M same.txt', '?? notes.txt']);
  });

  it('switching to origin/x makes a local branch x that tracks it', async () => {
    const { other } = twoBranches();
    gitCli(dir, 'remote', 'add', 'origin', 'https://example.com/repo.git');
    gitCli(dir, 'update-ref', 'refs/remotes/origin/feature', other);
    gitCli(dir, 'branch', '-q', '-D', 'other');
    const repo = testRepo(dir);
    await switchRef(repo, 'origin/feature');
    expect(headRef()).toBe('refs/heads/feature');
    expect(rev('feature')).toBe(other);
    expect(gitCli(dir, 'rev-parse', '--abbrev-ref', 'feature@{upstream}').trim()).toBe('origin/feature');
    expect(read('a.txt')).toBe('a on other\n');
    expect(porcelain()).toBe('');

    // Again from elsewhere: the existing tracking branch is reused, not replaced.
    await switchRef(repo, 'main');
    await switchRef(repo, 'origin/feature');
    expect(headRef()).toBe('refs/heads/feature');
    gitCli(dir, 'branch', '-q', '--unset-upstream', 'feature');
    await switchRef(repo, 'main');
    expect((await failure(switchRef(repo, 'origin/feature'))).code).toBe('conflict');
  });

  it('switches from a branch with no commits yet to a fetched one, refusing first to overwrite an untracked file', async () => {
    const { other } = twoBranches();
    gitCli(dir, 'update-ref', 'refs/remotes/origin/feature', other);
    gitCli(dir, 'switch', '-q', '--orphan', 'fresh'); // no commits, empty index and tree
    write('c/new.txt', 'mine\n');
    write('notes.txt', 'keep me\n');
    const repo = testRepo(dir);
    const refused = await failure(switchRef(repo, 'origin/feature'));
    expect(refused.code).toBe('git_local_changes');
    expect(refused.details?.files).toEqual(['c/new.txt']);
    expect(gitCli(dir, 'branch', '--list', 'feature').trim()).toBe('');

    rmSync(join(dir, 'c'), { recursive: true });
    await switchRef(repo, 'origin/feature');
    expect(headRef()).toBe('refs/heads/feature');
    expect(read('a.txt')).toBe('a on other\n');
    expect(porcelain()).toBe('?? notes.txt');
  });

  it('checks out a tag or a commit detached', async () => {
    const { main, other } = twoBranches();
    gitCli(dir, 'tag', '-a', 'v1', '-m', 'release', other);
    const repo = testRepo(dir);
    await switchRef(repo, 'v1');
    expect(() => gitCli(dir, 'symbolic-ref', '-q', 'HEAD')).toThrow();
    expect(rev('HEAD')).toBe(other);
    expect(read('a.txt')).toBe('a on other\n');
    await switchRef(repo, main.slice(0, 10));
    expect(rev('HEAD')).toBe(main);
    expect(read('a.txt')).toBe('a on main\n');
    expect(porcelain()).toBe('');
    expect((await failure(switchRef(repo, 'nope'))).code).toBe('not_found');
  });
});

describe('renameBranch and deleteBranch', () => {
  it('renames the current branch: HEAD follows and the upstream is kept', async () => {
    const first = commit('one', { 'a.txt': '1\n' });
    gitCli(dir, 'remote', 'add', 'origin', 'https://example.com/repo.git');
    gitCli(dir, 'update-ref', 'refs/remotes/origin/main', first);
    gitCli(dir, 'branch', '-q', '--set-upstream-to=origin/main', 'main');
    gitCli(dir, 'pack-refs', '--all');
    await renameBranch(testRepo(dir), 'main', 'trunk');
    expect(headRef()).toBe('refs/heads/trunk');
    expect(rev('trunk')).toBe(first);
    expect(gitCli(dir, 'branch', '--list', 'main').trim()).toBe('');
    expect(gitCli(dir, 'rev-parse', '--abbrev-ref', 'trunk@{upstream}').trim()).toBe('origin/main');
    expect(read('.git/config')).not.toContain('[branch "main"]');
  });

  it('refuses a rename onto an existing branch or of a missing one', async () => {
    commit('one', { 'a.txt': '1\n' });
    gitCli(dir, 'branch', 'other');
    const repo = testRepo(dir);
    expect((await failure(renameBranch(repo, 'main', 'other'))).code).toBe('conflict');
    expect((await failure(renameBranch(repo, 'ghost', 'x'))).code).toBe('not_found');
  });

  it('renames the branch of a repository with no commits yet', async () => {
    await renameBranch(testRepo(dir), 'main', 'trunk');
    expect(headRef()).toBe('refs/heads/trunk');
  });

  it('deletes a merged branch; an unmerged one needs force; the current one never', async () => {
    commit('one', { 'a.txt': '1\n' });
    gitCli(dir, 'branch', 'merged');
    gitCli(dir, 'switch', '-q', '-c', 'unmerged');
    commit('only here', { 'b.txt': 'b\n' });
    gitCli(dir, 'switch', '-q', 'main');
    const repo = testRepo(dir);

    expect((await failure(deleteBranch(repo, 'main', true))).code).toBe('conflict');
    await deleteBranch(repo, 'merged', false);
    expect(gitCli(dir, 'branch', '--list', 'merged').trim()).toBe('');

    const refused = await failure(deleteBranch(repo, 'unmerged', false));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toContain('force');
    expect(gitCli(dir, 'branch', '--list', 'unmerged').trim()).not.toBe('');
    await deleteBranch(repo, 'unmerged', true);
    expect(gitCli(dir, 'branch', '--list', 'unmerged').trim()).toBe('');
    expect((await failure(deleteBranch(repo, 'unmerged', true))).code).toBe('not_found');
    expect(gitCli(dir, 'fsck').trim()).toBe('');
  });
});

describe('tags', () => {
  it('creates lightweight and annotated tags, and deletes them', async () => {
    const first = commit('one', { 'a.txt': '1\n' });
    const second = commit('two', { 'a.txt': '2\n' });
    const repo = testRepo(dir);
    await createTag(repo, 'light');
    await createTag(repo, 'release', first, 'First release');
    expect(gitCli(dir, 'cat-file', '-t', 'light').trim()).toBe('commit');
    expect(rev('light')).toBe(second);
    expect(gitCli(dir, 'cat-file', '-t', 'release').trim()).toBe('tag');
    expect(rev('release^{commit}')).toBe(first);
    const body = gitCli(dir, 'cat-file', '-p', 'release');
    expect(body).toContain(`tagger ${testAuthor.name} <${testAuthor.email}>`);
    expect(body).toContain('First release');
    expect(gitCli(dir, 'fsck', '--strict').trim()).toBe('');

    expect((await failure(createTag(repo, 'light'))).code).toBe('conflict');
    expect((await failure(createTag(repo, 'x', 'nowhere'))).code).toBe('not_found');
    await deleteTag(repo, 'light');
    await deleteTag(repo, 'release');
    expect(gitCli(dir, 'tag', '--list').trim()).toBe('');
    expect((await failure(deleteTag(repo, 'light'))).code).toBe('not_found');
  });
});
