import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, tempDir } from '../../test/helpers';
import { gitCli, testAuthor, testRepo } from '../../test/git-repo';
import { gitLog, showCommit } from './history';

let dir: string;
let cleanup: () => void;

beforeEach(() => {
  ({ path: dir, cleanup } = tempDir('git-history-'));
  gitCli(dir, 'init', '-q', '-b', 'main');
});
afterEach(() => cleanup());

const write = (path: string, text: string): void => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};

/** The git CLI with author and committer dates fixed at `seconds`, so the order among branches is known. */
function gitAt(seconds: number, ...args: string[]): string {
  const date = `@${seconds} +0000`;
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    input: args[0] === 'fast-import' ? fastImportInput : undefined,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: testAuthor.name,
      GIT_AUTHOR_EMAIL: testAuthor.email,
      GIT_COMMITTER_NAME: testAuthor.name,
      GIT_COMMITTER_EMAIL: testAuthor.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: dir,
    },
  });
}
let fastImportInput = '';

function commit(seconds: number, message: string, files: Record<string, string | null>): string {
  for (const [path, text] of Object.entries(files)) {
    if (text === null) rmSync(join(dir, path));
    else write(path, text);
  }
  gitCli(dir, 'add', '-A');
  gitAt(seconds, 'commit', '-q', '--allow-empty', '-m', message);
  return gitCli(dir, 'rev-parse', 'HEAD').trim();
}

/**
 * main: A(100) - B(200) - E(250) ------- M(500)
 *                 \                      /
 *   feature:       C(300) - D(400) -----
 * feature2 (from B): F(150), older than its own parent.
 */
function buildHistory() {
  const A = commit(100, 'A', { 'a.txt': 'a\n' });
  const B = commit(200, 'B', { 'b.txt': 'b\n' });
  gitCli(dir, 'switch', '-q', '-c', 'feature');
  const C = commit(300, 'C', { 'c.txt': 'c\n' });
  const D = commit(400, 'D', { 'd.txt': 'd\n' });
  gitCli(dir, 'switch', '-q', '-c', 'feature2', B);
  const F = commit(150, 'F: clock skew', { 'f.txt': 'f\n' });
  gitCli(dir, 'switch', '-q', 'main');
  const E = commit(250, 'E', { 'e.txt': 'e\n' });
  gitAt(500, 'merge', '-q', '--no-ff', '-m', 'M', 'feature');
  const M = gitCli(dir, 'rev-parse', 'HEAD').trim();
  gitCli(dir, 'tag', 'v1', B);
  gitCli(dir, 'tag', '-a', 'v2', '-m', 'second', C);
  gitCli(dir, 'update-ref', 'refs/remotes/origin/main', E);
  gitCli(dir, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
  return { A, B, C, D, E, F, M };
}

describe('gitLog', () => {
  it('lists every commit of branches, remote branches and tags, children first, newest first otherwise, as git --date-order does', async () => {
    const c = buildHistory();
    const log = await gitLog(testRepo(dir), { limit: 100, skip: 0 });
    const oids = log.commits.map((entry) => entry.oid);

    const cli = gitCli(dir, 'log', '--branches', '--remotes', '--tags', 'HEAD', '--date-order', '--format=%H').trim().split('\n');
    expect(oids).toEqual(cli);
    expect(oids).toHaveLength(7);
    expect(log.hasMore).toBe(false);
    // A child always before its parents, even F (150) before its parent B (200).
    for (const entry of log.commits) {
      for (const parent of entry.parents) expect(oids.indexOf(parent)).toBeGreaterThan(oids.indexOf(entry.oid));
    }
    expect(oids.indexOf(c.F)).toBeLessThan(oids.indexOf(c.B));
    expect(oids[0]).toBe(c.M);
  });

  it('labels commits with HEAD, branches, remote branches (not origin/HEAD) and tags', async () => {
    const c = buildHistory();
    gitCli(dir, 'pack-refs', '--all'); // packed refs, with the peeled line of the annotated tag
    const log = await gitLog(testRepo(dir), { limit: 100, skip: 0 });
    const refs = new Map(log.commits.map((entry) => [entry.oid, entry.refs]));
    expect(refs.get(c.M)).toEqual(['HEAD', 'main']);
    expect(refs.get(c.D)).toEqual(['feature']);
    expect(refs.get(c.F)).toEqual(['feature2']);
    expect(refs.get(c.E)).toEqual(['origin/main']);
    expect(refs.get(c.B)).toEqual(['tag: v1']);
    expect(refs.get(c.C)).toEqual(['tag: v2']); // annotated: shown on the commit it tags
    expect(refs.get(c.A)).toEqual([]);
    const m = log.commits.find((entry) => entry.oid === c.M);
    expect(m?.parents).toEqual([c.E, c.D]);
    expect(m?.subject).toBe('M');
    expect(m?.author).toMatchObject({ name: testAuthor.name, email: testAuthor.email, timestamp: 500 });
  });

  it('pages through the same order', async () => {
    buildHistory();
    const repo = testRepo(dir);
    const all = (await gitLog(repo, { limit: 100, skip: 0 })).commits.map((entry) => entry.oid);
    const pages: string[] = [];
    const more: boolean[] = [];
    for (let skip = 0; skip < 7; skip += 3) {
      const page = await gitLog(repo, { limit: 3, skip });
      pages.push(...page.commits.map((entry) => entry.oid));
      more.push(page.hasMore);
    }
    expect(pages).toEqual(all);
    expect(more).toEqual([true, true, false]);
    expect((await gitLog(repo, { limit: 3, skip: 50 })).commits).toEqual([]);
  });

  it('sees new commits and refs on the next call', async () => {
    buildHistory();
    const repo = testRepo(dir);
    await gitLog(repo, { limit: 100, skip: 0 });
    const N = commit(600, 'N', { 'n.txt': 'n\n' });
    const log = await gitLog(repo, { limit: 100, skip: 0 });
    expect(log.commits[0]?.oid).toBe(N);
    expect(log.commits[0]?.refs).toEqual(['HEAD', 'main']);
    expect(log.commits).toHaveLength(8);
  });

  it('is empty for a repository with no commits', async () => {
    expect(await gitLog(testRepo(dir), { limit: 10, skip: 0 })).toEqual({ commits: [], hasMore: false });
  });

  it('is quick for a few thousand commits with merges', async () => {
    // 3000 commits on main, with a side branch merged back every 50.
    const lines: string[] = [];
    let mark = 0;
    for (let n = 1; n <= 3000; n += 1) {
      mark += 1;
      lines.push('commit refs/heads/main', `mark :${mark}`, `committer A <a@example.com> ${1_000_000 + n * 10} +0000`, `data ${`c${n}`.length}`, `c${n}`);
      if (n > 1) lines.push(`from :${mark - 1}`);
      if (n % 50 === 0 && n > 50) lines.push(`merge :${mark - 30}`);
      lines.push(`M 644 inline f${n % 20}.txt`, `data ${`${n}\n`.length}`, `${n}`, '');
    }
    fastImportInput = `${lines.join('\n')}\n`;
    gitAt(1, 'fast-import', '--quiet');
    const repo = testRepo(dir);
    const started = performance.now();
    const log = await gitLog(repo, { limit: 200, skip: 0 });
    const first = performance.now() - started;
    const again = performance.now();
    const page = await gitLog(repo, { limit: 200, skip: 2800 });
    const second = performance.now() - again;
    expect(log.commits).toHaveLength(200);
    expect(log.commits.map((entry) => entry.oid)).toEqual(gitCli(dir, 'log', '--date-order', '--format=%H', '-200', 'main').trim().split('\n'));
    expect(page.commits).toHaveLength(200);
    expect(page.hasMore).toBe(false);
    expect(first).toBeLessThan(5000);
    expect(second).toBeLessThan(first);
  });
});

describe('showCommit', () => {
  function cliFiles(oid: string): { path: string; change: string }[] {
    const letter: Record<string, string> = { A: 'added', M: 'modified', D: 'deleted' };
    return gitCli(dir, 'show', '--no-renames', '--name-status', '--format=', oid)
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [status = '', path = ''] = line.split('\t');
        return { path, change: letter[status] ?? status };
      })
      .sort((a, b) => (a.path < b.path ? -1 : 1));
  }
  const sorted = <T extends { path: string }>(files: T[]): T[] => [...files].sort((a, b) => (a.path < b.path ? -1 : 1));

  it('lists the files of a root commit as added, nested ones included', async () => {
    const root = commit(100, 'Root\n\nWith a body.', { 'README.md': '# r\n', 'src/pkg/model.py': 'x = 1\n', 'src/util.py': 'y\n' });
    const details = await showCommit(testRepo(dir), root);
    expect(details.files).toEqual([
      { path: 'README.md', change: 'added' },
      { path: 'src/pkg/model.py', change: 'added' },
      { path: 'src/util.py', change: 'added' },
    ]);
    expect(details.parents).toEqual([]);
    expect(details.subject).toBe('Root');
    expect(details.message).toBe('Root\n\nWith a body.');
    expect(details.committer).toMatchObject({ name: testAuthor.name, timestamp: 100 });
    expect(details.refs).toEqual(['HEAD', 'main']);
  });

  it('lists modified, added and deleted files against the first parent, as git show does', async () => {
    commit(100, 'one', { 'keep.txt': 'k\n', 'src/a.py': 'a\n', 'src/deep/b.py': 'b\n', 'gone.txt': 'g\n', 'data/x.csv': '1\n', 'file-then-folder': 'f\n' });
    const second = commit(200, 'two', {
      'src/a.py': 'a2\n',
      'src/deep/b.py': null,
      'src/deep/new.py': 'n\n',
      'gone.txt': null,
      'data/x.csv': null,
      'file-then-folder': null,
    });
    write('file-then-folder/inside.txt', 'i\n');
    gitCli(dir, 'add', '-A');
    gitAt(300, 'commit', '-q', '-m', 'three');
    const third = gitCli(dir, 'rev-parse', 'HEAD').trim();
    const repo = testRepo(dir);
    expect(sorted((await showCommit(repo, second)).files)).toEqual(cliFiles(second));
    expect((await showCommit(repo, second)).files).toContainEqual({ path: 'data/x.csv', change: 'deleted' });
    expect(sorted((await showCommit(repo, third)).files)).toEqual(cliFiles(third));
  });

  it('shows the changes of a merge against its first parent', async () => {
    const c = buildHistory();
    const details = await showCommit(testRepo(dir), c.M);
    expect(details.parents).toEqual([c.E, c.D]);
    expect(sorted(details.files)).toEqual([
      { path: 'c.txt', change: 'added' },
      { path: 'd.txt', change: 'added' },
    ]);
  });

  it('answers not_found for an unknown commit', async () => {
    commit(100, 'one', { 'a.txt': 'a\n' });
    const error = await failure(showCommit(testRepo(dir), 'f'.repeat(40)));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('ffffffffffff');
  });
});
