import { spawn } from 'node:child_process';
import { repoRoot } from '../../test/helpers';

export interface ChildServer<T> {
  /** The JSON of the first line the process printed (its URLs). */
  first: T;
  pid: number;
  /** SIGTERM, then its exit. */
  stop: () => Promise<void>;
}

/** Starts a bench server script in a process of its own (the load generator must not share its event loop); `what` names it in errors. */
export function startChildServer<T>(command: string, args: readonly string[], what: string): Promise<ChildServer<T>> {
  const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (part: string) => {
      out += part;
      if (!out.includes('\n')) return;
      resolve({ first: JSON.parse(out.split('\n')[0] ?? '') as T, pid: child.pid ?? 0, stop: async () => (child.kill('SIGTERM'), exited) });
    });
    child.on('exit', (code) => reject(new Error(`${what} exited (${code ?? 'signal'}) before listening`)));
  });
}
