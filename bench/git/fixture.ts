/**
 * The repository bench/git measures: a code base of many small tracked files
 * in nested folders, and a large ignored `data/` folder (sparse files plus
 * many tiny ones) that a good status never walks. Built once with the git CLI
 * and reused while its parameters stay the same; the working-tree changes that
 * give status something to report are re-applied on every run.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface FixtureOptions {
  dir: string;
  files: number;
  dataGb: number;
  dataFiles: number;
}

export interface Fixture {
  dir: string;
  reused: boolean;
  buildSeconds: number;
  trackedFiles: number;
  dataBytes: number;
  dataFileCount: number;
  /** What `git status --porcelain=v1 -uall` must say after the changes: path to its two-letter code. */
  expected: Map<string, string>;
}

/** Large ignored files: big enough to hurt if anything reads them, cheap on disk because sparse. */
const LARGE_DATA_FILES = 50;
const MARKER = 'bench-fixture.json';
const MARKER_VERSION = 1;

/** The git environment for building and for the baseline: stock git, whatever the machine's config says. */
export const stockGitEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
});

export function git(dir: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd: dir, env: stockGitEnv(), encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${dir}: ${result.stderr || result.error?.message || ''}`);
  return result.stdout;
}

/** A small deterministic generator, so every build of the same parameters gives the same tree. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const TOP_FOLDERS = ['src', 'lib', 'tests', 'notebooks', 'scripts'];

/** Where tracked file `index` lives: about sqrt(n) folders of sqrt(n) files, some pushed a level or three deeper. */
export function trackedPath(index: number, files: number): string {
  const perFolder = Math.max(1, Math.round(Math.sqrt(files)));
  const folder = Math.floor(index / perFolder);
  const inFolder = index % perFolder;
  let path = `${TOP_FOLDERS[folder % TOP_FOLDERS.length]}/pkg${String(folder).padStart(3, '0')}`;
  if (folder % 3 === 0 && inFolder >= perFolder / 2) path += `/sub${inFolder % 4}`;
  if (folder % 7 === 0 && inFolder >= (perFolder * 4) / 5) path += '/core/impl/detail';
  const ext = ['py', 'py', 'py', 'ts', 'md', 'json', 'txt'][index % 7];
  return `${path}/file${String(inFolder).padStart(4, '0')}.${ext}`;
}

/** Text of a tracked file: 100 B to about 20 KB, most of them small, as in a real code base. */
export function trackedContent(index: number, path: string): string {
  const next = random(index + 1);
  const size = Math.round(100 * Math.pow(200, next() * next()));
  const lines = [`# ${path}`];
  let length = lines[0]!.length;
  for (let line = 1; length < size; line++) {
    const text = `value_${line} = compute(${Math.floor(next() * 1e6)}, "${path}", ${line})`;
    lines.push(text);
    length += text.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

interface Marker {
  version: number;
  files: number;
  dataGb: number;
  dataFiles: number;
}

function readMarker(dir: string): Marker | null {
  try {
    return JSON.parse(readFileSync(join(dir, '.git', MARKER), 'utf8')) as Marker;
  } catch {
    return null;
  }
}

function writeFile(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

function buildData(dir: string, dataGb: number, dataFiles: number): void {
  const data = join(dir, 'data');
  const large = Math.floor((dataGb * 2 ** 30) / LARGE_DATA_FILES);
  for (let i = 0; i < LARGE_DATA_FILES; i++) {
    const path = join(data, ['raw', 'processed', 'features', 'models/checkpoints'][i % 4]!, `part-${String(i).padStart(3, '0')}.parquet`);
    mkdirSync(dirname(path), { recursive: true });
    closeSync(openSync(path, 'w'));
    truncateSync(path, large);
  }
  for (let i = 0; i < dataFiles; i++) {
    writeFile(join(data, 'images', `shard${String(i % 100).padStart(2, '0')}`, `img-${String(i).padStart(6, '0')}.txt`), `label=${i % 10}\n`);
  }
}

function build(options: FixtureOptions): void {
  const { dir, files } = options;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  writeFile(join(dir, '.gitignore'), 'data/\n.workbench/\n__pycache__/\n');
  writeFile(join(dir, 'README.md'), '# bench/git\nA generated code base with a large ignored data folder.\n');
  for (let i = 0; i < files - 2; i++) {
    const path = trackedPath(i, files);
    writeFile(join(dir, path), trackedContent(i, path));
  }
  buildData(dir, options.dataGb, options.dataFiles);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'A generated code base');
  const marker: Marker = { version: MARKER_VERSION, files, dataGb: options.dataGb, dataFiles: options.dataFiles };
  writeFileSync(join(dir, '.git', MARKER), JSON.stringify(marker));
}

/** A tracked file the changes leave alone, for the benchmark to edit and restore between calls. */
export function probeFile(files: number): { path: string; original: string } {
  const index = Math.floor((files - 2) / 2) + 3;
  const path = trackedPath(index, files);
  return { path, original: trackedContent(index, path) };
}

/** Spread picks over the whole tree (not one folder) so the changes look like a real afternoon's work. */
const pick = (n: number, files: number, offset: number): number[] => Array.from({ length: n }, (_, k) => (Math.floor((k * (files - 2)) / n) + offset) % (files - 2));

/**
 * 20 modified (4 staged, one of them modified again), 5 deleted (1 staged), 10
 * untracked (2 staged as added). Idempotent: every path is written from scratch.
 */
function applyChanges(dir: string, files: number): Map<string, string> {
  const expected = new Map<string, string>();
  const modified = pick(20, files, 11).map((i) => trackedPath(i, files));
  const deleted = pick(5, files, 37).map((i) => trackedPath(i, files));
  const untracked = pick(10, files, 53).map((i) => trackedPath(i, files).replace(/file(\d+)\.\w+$/, 'new_$1.py'));
  const probe = probeFile(files);
  if (new Set([...modified, ...deleted, probe.path]).size !== modified.length + deleted.length + 1) throw new Error(`--files ${files}: the files the benchmark changes overlap; choose another count`);
  writeFile(join(dir, probe.path), probe.original);
  // Undo what a previous run's changes left in the index, so the staging below starts from HEAD.
  git(dir, 'reset', '-q');
  for (const [k, path] of modified.entries()) {
    const original = readFileSync(join(dir, path), 'utf8').split('\n# edited')[0]!;
    writeFile(join(dir, path), `${original}\n# edited by the benchmark (${k})\n`);
    expected.set(path, ' M');
  }
  for (const path of deleted) {
    rmSync(join(dir, path), { force: true });
    expected.set(path, ' D');
  }
  for (const [k, path] of untracked.entries()) {
    writeFile(join(dir, path), `# new file ${k}: ${path}\nprint(${k})\n`);
    expected.set(path, '??');
  }
  const staged = [...modified.slice(0, 4), deleted[0]!, ...untracked.slice(0, 2)];
  git(dir, 'add', '--', ...staged);
  for (const path of modified.slice(0, 4)) expected.set(path, 'M ');
  expected.set(deleted[0]!, 'D ');
  for (const path of untracked.slice(0, 2)) expected.set(path, 'A ');
  const twice = modified[0]!;
  writeFile(join(dir, twice), `${readFileSync(join(dir, twice), 'utf8')}# and edited again after staging\n`);
  expected.set(twice, 'MM');
  return expected;
}

function du(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    // The apparent size: what a status that read them would have to get through.
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { bytes, files };
}

/** Builds the repository (or reuses the one already at `dir` with the same parameters) and applies the changes. */
export function prepareFixture(options: FixtureOptions, log: (line: string) => void): Fixture {
  const { dir } = options;
  const marker = readMarker(dir);
  const same = marker?.version === MARKER_VERSION && marker.files === options.files && marker.dataGb === options.dataGb && marker.dataFiles === options.dataFiles;
  if (!same && existsSync(dir) && readdirSync(dir).length > 0 && marker === null) {
    throw new Error(`${dir} is not empty and was not made by this benchmark; give --dir an empty or new folder`);
  }
  const began = performance.now();
  if (!same) {
    log(`building the repository in ${dir} (${options.files} tracked files, ${options.dataGb} GB of ignored data)`);
    build(options);
  } else log(`reusing the repository in ${dir}`);
  const buildSeconds = (performance.now() - began) / 1000;
  const expected = applyChanges(dir, options.files);
  const trackedFiles = git(dir, 'ls-tree', '-r', '-z', '--name-only', 'HEAD').split('\0').filter(Boolean).length;
  const data = du(join(dir, 'data'));
  return { dir, reused: same, buildSeconds, trackedFiles, dataBytes: data.bytes, dataFileCount: data.files, expected };
}
