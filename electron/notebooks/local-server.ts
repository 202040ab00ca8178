import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { WorkbenchError } from '../../shared/contract';
import type { Logger } from '../log';

/** Lines of the server's output kept for the log view. */
const LOG_LINES = 2_000;
const READY_TIMEOUT_MS = 60_000;

export interface LocalServer {
  readonly url: string;
  readonly token: string;
  readonly pid: number | null;
  /** running until it exits; `failed` with a reason when it exits on its own. */
  state(): { state: 'starting' | 'running' | 'stopped' | 'failed'; problem: string | null };
  log(): string[];
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts a Jupyter server for the workspace, supervised by this process: on
 * 127.0.0.1 only, with a random token, the workspace as its root, no browser.
 * Resolves once its REST API answers.
 */
export async function startLocalServer(options: {
  command: { command: string; args: string[] };
  rootDir: string;
  log: Logger;
  signal?: AbortSignal;
  onExit?: () => void;
}): Promise<LocalServer> {
  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  const url = `http://127.0.0.1:${port}/`;
  const lines: string[] = [];
  let state: 'starting' | 'running' | 'stopped' | 'failed' = 'starting';
  let problem: string | null = null;
  const args = [
    ...options.command.args,
    '--no-browser',
    '--ip=127.0.0.1',
    `--port=${port}`,
    '--port-retries=0',
    `--ServerApp.root_dir=${options.rootDir}`,
    `--NotebookApp.notebook_dir=${options.rootDir}`,
    // Jupyter refuses root unless told; the workbench already runs as root then, so refusing protects nothing.
    ...(process.getuid?.() === 0 ? ['--allow-root'] : []),
  ];
  // The token goes through the environment, not the command line, where `ps` would show it.
  const child: ChildProcess = spawn(options.command.command, args, {
    cwd: options.rootDir,
    env: { ...process.env, JUPYTER_TOKEN: token, PYTHONUNBUFFERED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split(/\r?\n/)) {
      if (line.length === 0) continue;
      lines.push(line.replaceAll(token, '<token>'));
    }
    if (lines.length > LOG_LINES) lines.splice(0, lines.length - LOG_LINES);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      if (state !== 'stopped') {
        state = 'failed';
        problem = `Jupyter exited (${signal ?? `code ${code ?? '?'}`}); its log has the reason.`;
        options.log.warn('local Jupyter server exited', { code, signal });
        options.onExit?.();
      }
      resolve();
    });
    child.once('error', (error) => {
      state = 'failed';
      problem = `Jupyter could not start: ${error.message}`;
      lines.push(problem);
      resolve();
    });
  });

  const stateNow = (): typeof state => state;
  const stop = async (): Promise<void> => {
    if (state === 'stopped' || child.exitCode !== null || child.signalCode !== null) {
      state = state === 'failed' ? 'failed' : 'stopped';
      return;
    }
    state = 'stopped';
    // SIGTERM lets Jupyter shut its kernels down; SIGKILL if it hangs.
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (options.signal?.aborted) {
      await stop();
      throw new WorkbenchError('cancelled', 'Starting Jupyter was cancelled.');
    }
    // Read through a function: the exit handler changes `state` behind TypeScript's back.
    if (stateNow() === 'failed') throw new WorkbenchError('jupyter_unreachable', `${problem ?? 'Jupyter stopped'}\n${lines.slice(-15).join('\n')}`);
    try {
      const response = await fetch(`${url}api/status`, { headers: { Authorization: `token ${token}` }, signal: AbortSignal.timeout(2_000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new WorkbenchError('jupyter_unreachable', `Jupyter did not answer within ${READY_TIMEOUT_MS / 1000} s.\n${lines.slice(-15).join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  state = 'running';
  options.log.info('local Jupyter server started', { url, pid: child.pid });
  return {
    url,
    token,
    pid: child.pid ?? null,
    state: () => ({ state, problem }),
    log: () => [...lines],
    stop,
  };
}
