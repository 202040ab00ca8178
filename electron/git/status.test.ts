import { appendFileSync, mkdirSync, rmSync, truncateSync, utimesSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitStatus } from '../../shared/contract';
import { failure, tempDir } from '../../test/helpers';
import { gitCli, testRepo } from '../../test/git-repo';
import { computeStatus } from './status';
import { Worktree } from './worktree';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ path: dir, cleanup } = tempDir('git-status-'));
});
afterEach(() => cleanup());

const write = (path: string, text: string): void => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};

async function status(worktree = new Worktree(dir, join(dir, '.git'))): Promise<GitStatus> {
  return computeStatus(testRepo(dir), worktree, () => Promise.resolve(null));
}

/** Our status in `git status --porcelain` form (XY path), to compare with the CLI's. */
function porcelain(value: GitStatus): string[] {
  const letter = { added: 'A', modified: 'M', deleted: 'D' } as const;
  return value.files
    .map((file) => {
      if (file.unstaged === 'untracked') return `?? ${file.path}`;
      return `${file.staged ? letter[file.staged] : ' '}${file.unstaged ? letter[file.unstaged] : ' '} ${file.path}`;
    })
    .sort();
}

function cliPorcelain(): string[] {
  return gitCli(dir, 'status', '--porcelain=v1', '--untracked-files=all')
    .split('\n')
    .filter(Boolean)
    .sort();
}

describe('git status', () => {
  it('agrees with the git CLI on staged, unstaged, deleted and untracked files', async () => {
    gitCli(dir, 'init', '-q', '-b', 'main');
    write('src/a.py', 'a = 1\n');
    write('src/b.py', 'b = 2\n');
    write('src/deep/c.py', 'c = 3\n');
    write('README.md', '# hi\n');
    write('gone.txt', 'bye\n');
    gitCli(dir, 'add', '-A');
    gitCli(dir, 'commit', '-q', '-m', 'first');

    appendFileSync(join(dir, 'src/a.py'), 'a += 1\n'); // unstaged
    write('src/b.py', 'b = 3\n');
    gitCli(dir, 'add', 'src/b.py'); // staged
    appendFileSync(join(dir, 'src/b.py'), '# and more\n'); // and unstaged on top
    rmSync(join(dir, 'gone.txt')); // deleted, unstaged
    gitCli(dir, 'rm', '-q', 'README.md'); // deleted, staged
    write('new/notes.txt', 'new\n'); // untracked
    write('added.py', 'x = 1\n');
    gitCli(dir, 'add', 'added.py'); // added

    const ours = await status();
    expect(porcelain(ours)).toEqual(cliPorcelain());
    expect(ours.branch).toBe('main');
    expect(ours.head).toBe(gitCli(dir, 'rev-parse', 'HEAD').trim());
    expect(ours.untrackedCount).toBe(1);
  });

  it('sees a same-size edit made within the same second as the index (racy git)', async () => {
    gitCli(dir, 'init', '-q', '-b', 'main');
    write('model.py', 'lr = 0.1\n');
    gitCli(dir, 'add', '-A');
    gitCli(dir, 'commit', '-q', '-m', 'first');
    const worktree = new Worktree(dir, join(dir, '.git'));
    expect((await status(worktree)).files).toEqual([]);
    // Same size, and the mtime put back to the index entry's: only the content tells.
    const { mtime } = (await import('node:fs')).statSync(join(dir, 'model.py'));
    writeFileSync(join(dir, 'model.py'), 'lr = 0.2\n');
    utimesSync(join(dir, 'model.py'), mtime, mtime);
    expect(porcelain(await status(worktree))).toEqual([' M model.py']);
    expect(cliPorcelain()).toEqual([' M model.py']);
  });

  it('never walks an ignored folder, yet still checks tracked files inside it', async () => {
    gitCli(dir, 'init', '-q', '-b', 'main');
    write('.gitignore', 'data/\n*.log\n!keep.log\n');
    write('data/tracked.csv', 'a\n1\n');
    gitCli(dir, 'add', '.gitignore');
    gitCli(dir, 'add', '-f', 'data/tracked.csv');
    gitCli(dir, 'commit', '-q', '-m', 'first');
    for (let n = 0; n < 50; n += 1) write(`data/raw/part-${n}.csv`, 'x\n');
    write('run.log', 'noise');
    write('keep.log', 'kept');
    write('sub/.gitignore', '*.tmp\n');
    write('sub/a.tmp', 'ignored by the nested file');
    write('sub/b.py', 'print(1)\n');
    appendFileSync(join(dir, 'data/tracked.csv'), '2\n');

    const worktree = new Worktree(dir, join(dir, '.git'));
    const ours = await status(worktree);
    expect(porcelain(ours)).toEqual(cliPorcelain());
    expect(porcelain(ours)).toEqual([' M data/tracked.csv', '?? keep.log', '?? sub/.gitignore', '?? sub/b.py']);
    expect(worktree.listedFolders()).not.toContain('data/');
    expect(worktree.listedFolders()).not.toContain('data/raw/');
    expect(worktree.listedFolders()).toContain('sub/');
  });

  it('reports files added after a status, and a folder listing is reused only while unchanged', async () => {
    gitCli(dir, 'init', '-q', '-b', 'main');
    write('a.py', '1\n');
    const worktree = new Worktree(dir, join(dir, '.git'));
    expect(porcelain(await status(worktree))).toEqual(['?? a.py']);
    write('b.py', '2\n');
    expect(porcelain(await status(worktree))).toEqual(['?? a.py', '?? b.py']);
    rmSync(join(dir, 'a.py'));
    expect(porcelain(await status(worktree))).toEqual(['?? b.py']);
  });

  it('reads the index isomorphic-git writes, and an empty repository', async () => {
    await git.init({ fs: await import('node:fs'), dir, defaultBranch: 'main' });
    expect((await status()).head).toBeNull();
    write('x.py', 'x\n');
    await git.add({ fs: await import('node:fs'), dir, filepath: 'x.py' });
    expect(porcelain(await status())).toEqual(['A  x.py']);
    expect(cliPorcelain()).toEqual(['A  x.py']);
  });

  it('names a corrupt index, and leaves it and the files alone', async () => {
    gitCli(dir, 'init', '-q', '-b', 'main');
    write('a.py', '1\n');
    gitCli(dir, 'add', '-A');
    const indexFile = join(dir, '.git', 'index');
    const bytes = readFileSync(indexFile);
    bytes[bytes.length - 30] = (bytes[bytes.length - 30] ?? 0) ^ 0xff;
    writeFileSync(indexFile, bytes);
    const problem = await failure(status());
    expect(problem.code).toBe('git_index_corrupt');
    expect(problem.message).toContain(indexFile);
    expect(readFileSync(indexFile)).toEqual(bytes);
    truncateSync(indexFile, 10);
    expect((await failure(status())).code).toBe('git_index_corrupt');
  });

  it('reports the branch on a detached HEAD as null', async () => {
    gitCli(dir, 'init', '-q', '-b', 'main');
    write('a.py', '1\n');
    gitCli(dir, 'add', '-A');
    gitCli(dir, 'commit', '-q', '-m', 'one');
    const oid = gitCli(dir, 'rev-parse', 'HEAD').trim();
    gitCli(dir, 'checkout', '-q', '--detach');
    const ours = await status();
    expect(ours).toMatchObject({ detached: true, branch: null, head: oid });
  });
});
