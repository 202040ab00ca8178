/** isomorphic-git's statusMatrix, once, in a child process stopped at a time cap: the reference for why status is our own. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface StatusMatrixRun {
  /** Null when it was stopped at the cap. */
  ms: number | null;
  capMs: number;
  rows?: number;
  changed?: number;
  calls?: { total: number; inData: number; readdirInData: number };
}

export function statusMatrixOnce(root: string, dir: string, capMs: number): Promise<StatusMatrixRun> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'status-matrix-child.ts'), dir], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let capped = false;
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-4000)));
    // The cap counts from the spawn: tsx's start-up (well under a second) is inside it.
    const timer = setTimeout(() => {
      capped = true;
      child.kill('SIGKILL');
    }, capMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (capped) return resolveRun({ ms: null, capMs });
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) return reject(new Error(`statusMatrix exited with ${code}: ${err}`));
      resolveRun({ ...(JSON.parse(last) as Omit<StatusMatrixRun, 'capMs'>), capMs });
    });
  });
}
