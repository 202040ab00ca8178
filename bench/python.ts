import { spawn, type ChildProcess } from 'node:child_process';

/** Debian's Python, which has pandas, SciPy, scikit-learn and torch (pyenv's does not). */
export const PYTHON = '/usr/bin/python3';

/**
 * Runs a bench's Python side and answers the JSON object on its last line of
 * stdout; `onChild` gets the process (to kill it if the bench is stopped).
 */
export function runPythonJson<T>(args: string[], label: string, onChild?: (child: ChildProcess) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    onChild?.(child);
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) reject(new Error(`${label} exited with ${code}: ${err}`));
      else resolve(JSON.parse(last) as T);
    });
  });
}
