import { copyFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import git from 'isomorphic-git';
import writeFileAtomic from 'write-file-atomic';
import { WorkbenchError } from '../../shared/contract';
import { commitFiles } from './head-tree';
import { forgetIndex } from './index-file';
import { isRepository, type RepoContext } from './repo';
import { readHead } from './status';
import type { Worktree } from './worktree';

const MARKER = '# ML Workbench: data, models and workbench state stay out of git';

/** What the workbench keeps out of every repository it initialises. */
export const DEFAULT_IGNORES = [
  '.workbench/',
  '# data',
  'data/',
  'datasets/',
  '*.csv',
  '*.tsv',
  '*.parquet',
  '*.feather',
  '*.arrow',
  '*.duckdb',
  '# models and run artifacts',
  'models/',
  'artifacts/',
  'mlruns/',
  '*.onnx',
  '*.pt',
  '*.pth',
  '*.h5',
  '*.pkl',
  '*.joblib',
  '*.safetensors',
  '*.ckpt',
  '# notebooks and Python caches',
  '.ipynb_checkpoints/',
  '__pycache__/',
  '.venv/',
];

/**
 * Makes the workspace a repository on branch `main`, and adds the
 * workbench's ignore rules (and the workspace's registered dataset files) to
 * `.gitignore`, keeping whatever the file already had.
 */
export async function initRepository(repo: RepoContext, datasetFiles: readonly string[]): Promise<void> {
  if (isRepository(repo.dir)) throw new WorkbenchError('conflict', `${repo.dir} is already a git repository.`);
  await git.init({ fs: repo.fs, dir: repo.dir, defaultBranch: 'main' });
  const file = join(repo.dir, '.gitignore');
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (!existing.includes(MARKER)) {
    const inside = datasetFiles
      .map((path) => relative(repo.dir, path))
      .filter((path) => path !== '' && !path.startsWith('..') && !path.startsWith(sep))
      .map((path) => `/${path.split(sep).join('/')}`);
    const lines = [MARKER, ...DEFAULT_IGNORES, ...(inside.length > 0 ? ['# datasets registered in the workbench', ...inside] : [])];
    const prefix = existing === '' || existing.endsWith('\n') ? existing : `${existing}\n`;
    await writeFileAtomic(file, `${prefix}${prefix ? '\n' : ''}${lines.join('\n')}\n`);
  }
  repo.changed();
}

/**
 * Rebuilds a corrupt index from HEAD, the way `rm .git/index && git reset`
 * does: the broken file is kept in the backups first, and working files are
 * never touched. Files whose content equals HEAD's are added with their stat
 * (one index write); the others get HEAD's blob id, so they show as unstaged
 * changes, as they were.
 */
export async function repairIndex(repo: RepoContext, worktree: Worktree): Promise<string> {
  const indexFile = join(repo.gitdir, 'index');
  const backup = repo.backupDir('index');
  if (existsSync(indexFile)) copyFileSync(indexFile, join(backup, 'index'));
  rmSync(indexFile, { force: true });
  forgetIndex(repo.gitdir);
  const head = await readHead(repo);
  const files = await commitFiles(repo, head.oid);
  const same: string[] = [];
  const differing: [string, string, number][] = [];
  for (const [path, file] of files) {
    const mode = Number.parseInt(file.mode, 8);
    if (mode === 0o160000) continue;
    const absolute = join(repo.dir, path);
    let matches = false;
    try {
      const stat = repo.fs.lstatSync(absolute);
      matches = stat.isFile() && worktree.hashOf(absolute, stat) === file.oid;
    } catch {
      matches = false;
    }
    if (matches) same.push(path);
    else differing.push([path, file.oid, mode]);
  }
  if (same.length > 0) await git.add({ fs: repo.fs, dir: repo.dir, cache: repo.cache, filepath: same, force: true });
  for (const [filepath, oid, mode] of differing) {
    await git.updateIndex({ fs: repo.fs, dir: repo.dir, cache: repo.cache, filepath, oid, mode, add: true });
  }
  forgetIndex(repo.gitdir);
  repo.changed();
  return backup;
}
