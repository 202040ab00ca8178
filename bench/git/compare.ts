/**
 * Both sides of status in one shape, `path -> XY` as `git status --porcelain=v1`
 * writes it, so the workbench's answer can be checked against the git CLI's.
 */
import { spawnSync } from 'node:child_process';
import type { GitStatus } from '../../shared/contract/git';
import { stockGitEnv } from './fixture';

export type StatusCodes = Map<string, string>;

/** `git status --porcelain=v1` with `extra` arguments; answers the wall time and its output. */
export function cliStatus(dir: string, extra: string[] = []): { ms: number; stdout: string } {
  const began = performance.now();
  // No optional locks: a status that only reads, as the workbench's does (no index refresh written back).
  const result = spawnSync('git', ['status', '--porcelain=v1', ...extra], {
    cwd: dir,
    env: { ...stockGitEnv(), GIT_OPTIONAL_LOCKS: '0' },
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
  });
  const ms = performance.now() - began;
  if (result.status !== 0) throw new Error(`git status failed in ${dir}: ${result.stderr || result.error?.message || ''}`);
  return { ms, stdout: result.stdout };
}

/** Every changed path, untracked files one by one (`-uall`), as git reports them. */
export function cliCodes(dir: string): StatusCodes {
  const fields = cliStatus(dir, ['-z', '--untracked-files=all']).stdout.split('\0');
  const codes: StatusCodes = new Map();
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    if (!field) continue;
    const code = field.slice(0, 2);
    codes.set(field.slice(3), code);
    // A rename or copy is followed by its source path.
    if (code.includes('R') || code.includes('C')) i++;
  }
  return codes;
}

const STAGED: Record<string, string> = { added: 'A', modified: 'M', deleted: 'D' };
const UNSTAGED: Record<string, string> = { modified: 'M', deleted: 'D' };

/** The workbench's status in git's two-letter codes. */
export function workbenchCodes(status: GitStatus): StatusCodes {
  const codes: StatusCodes = new Map();
  for (const file of status.files) {
    let code: string;
    if (file.conflicted) code = 'UU';
    else if (file.unstaged === 'untracked') code = '??';
    else code = `${file.staged ? STAGED[file.staged] : ' '}${file.unstaged ? UNSTAGED[file.unstaged] : ' '}`;
    codes.set(file.path, code);
  }
  return codes;
}

/** The lines where two statuses differ, empty when they agree. */
export function differences(cli: StatusCodes, workbench: StatusCodes): string[] {
  const lines: string[] = [];
  for (const path of new Set([...cli.keys(), ...workbench.keys()])) {
    const a = cli.get(path);
    const b = workbench.get(path);
    if (a === b) continue;
    lines.push(`  ${path}: git CLI ${a === undefined ? 'clean' : `"${a}"`}, workbench ${b === undefined ? 'clean (not listed)' : `"${b}"`}`);
  }
  return lines.sort();
}
