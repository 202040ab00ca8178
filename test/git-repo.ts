import * as fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import git from 'isomorphic-git';
import { makeBackupDir, type RepoContext } from '../electron/git/repo';

export const testAuthor = { name: 'Ada Tester', email: 'ada@example.com' };

/**
 * A RepoContext over a real repository folder for module tests: a fixed
 * author, tracked changes from isomorphic-git's own statusMatrix (slow, but an
 * independent check of ours), and a count of `changed()` calls.
 */
export function testRepo(dir: string): RepoContext & { changes: number } {
  const repo = {
    dir,
    gitdir: `${dir}/.git`,
    fs,
    cache: {},
    changes: 0,
    author: () => Promise.resolve(testAuthor),
    async trackedChanges() {
      const matrix = await git.statusMatrix({ fs, dir });
      return matrix.filter(([, head, work, stage]) => head !== 0 && !(head === 1 && work === 1 && stage === 1)).map(([path]) => path);
    },
    changed() {
      repo.changes += 1;
    },
    backupDir: (kind: string) => makeBackupDir(dir, kind),
  };
  return repo;
}

/** Runs the git CLI in `dir` (tests use it to build fixtures and to check our results independently). */
export function gitCli(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: testAuthor.name, GIT_AUTHOR_EMAIL: testAuthor.email, GIT_COMMITTER_NAME: testAuthor.name, GIT_COMMITTER_EMAIL: testAuthor.email, GIT_CONFIG_NOSYSTEM: '1', HOME: dir },
  });
}
