/**
 * The real backend for the benchmark: `workbench serve` on a temporary
 * workspace, called over HTTP as a script would, and watched for memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Server {
  url: string;
  pid: number;
  token: string;
  /** The open workspace folder. */
  workspace: string;
  /** Calls a procedure and answers its output; throws with the server's message on an error. */
  call(procedure: string, input: object): Promise<unknown>;
  /** Starts a job and polls it until it finishes; answers its result and the client-side wall time. */
  job(procedure: string, input: object): Promise<{ result: unknown; ms: number }>;
  stop(): Promise<void>;
}

interface JobSnapshot {
  id: string;
  state: 'running' | 'succeeded' | 'failed' | 'cancelled';
  result?: unknown;
  error?: { code: string; message: string };
}

/** A procedure's error answer, with the server's stable code (e.g. `unknown_procedure`). */
export class ApiCallError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const STDERR_KEPT = 4000;
const START_TIMEOUT_MS = 60_000;

export async function startServer(root: string): Promise<Server> {
  const home = mkdtempSync(join(tmpdir(), 'bench-workbench-'));
  const workspace = join(home, 'ws');
  mkdirSync(workspace);
  const token = randomBytes(16).toString('hex');
  const child = spawn(process.execPath, [join(root, 'bin/workbench.js'), 'serve', '--workspace', workspace, '--port', '0', '--token', token], {
    env: { ...process.env, WORKBENCH_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT);
  });
  let exited: string | null = null;
  const exit = new Promise<void>((resolveExit) =>
    child.once('exit', (code, signal) => {
      exited = `exited with ${signal ?? code}`;
      resolveExit();
    }),
  );
  const why = (): string => `the workbench server ${exited ?? 'is running'}${stderr ? `; its stderr ends with:\n${stderr}` : ''}`;

  let url: string;
  try {
    url = await waitForUrl(child, exit, why);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(home, { recursive: true, force: true });
    throw error;
  }

  const call = async (procedure: string, input: object): Promise<unknown> => {
    let response: Response;
    try {
      response = await fetch(`${url}/api/${procedure}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
    } catch (error) {
      throw new Error(`${procedure}: no answer (${String(error)}); ${why()}`);
    }
    const body = (await response.json()) as { error?: { code: string; message: string } } | null;
    if (!response.ok) {
      const code = body?.error?.code ?? 'unknown';
      throw new ApiCallError(`${procedure} failed with ${response.status}: ${code} ${body?.error?.message ?? ''}`, code);
    }
    return body;
  };

  const job = async (procedure: string, input: object): Promise<{ result: unknown; ms: number }> => {
    const began = performance.now();
    let snapshot = (await call(procedure, input)) as JobSnapshot;
    // Poll fast at first (the short queries are timed this way), then back off so polling never loads the server.
    for (let polls = 0; snapshot.state === 'running'; polls++) {
      await new Promise((r) => setTimeout(r, polls < 200 ? 2 : 50));
      snapshot = (await call('jobs.get', { id: snapshot.id })) as JobSnapshot;
    }
    const ms = performance.now() - began;
    if (snapshot.state !== 'succeeded') {
      throw new Error(`${procedure} ${snapshot.state}: ${snapshot.error?.code ?? ''} ${snapshot.error?.message ?? ''}`);
    }
    return { result: snapshot.result, ms };
  };

  const stop = async (): Promise<void> => {
    if (exited === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    }
    rmSync(home, { recursive: true, force: true });
  };

  return { url, pid: child.pid ?? 0, token, workspace, call, job, stop };
}

function waitForUrl(child: ChildProcess, exit: Promise<void>, why: () => string): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the workbench server printed no URL within ${START_TIMEOUT_MS / 1000} s; ${why()}`)), START_TIMEOUT_MS);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/[\d.:]+)\//.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`could not start: ${why()}`));
    });
  });
}

/** One field of /proc/<pid>/status in MiB: VmRSS (now) or VmHWM (the peak so far). */
export function procMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
}

/** Samples a process's resident memory every 100 ms while `work` runs; answers the highest sample. */
export async function peakRss<T>(pid: number, work: () => Promise<T>): Promise<{ value: T; peakMiB: number }> {
  // A process that is gone reads as 0 here: `work` fails too, and says why.
  const sample = (): number => {
    try {
      return procMiB(pid, 'VmRSS');
    } catch {
      return 0;
    }
  };
  let peak = sample();
  const timer = setInterval(() => (peak = Math.max(peak, sample())), 100);
  try {
    const value = await work();
    return { value, peakMiB: Math.max(peak, sample()) };
  } finally {
    clearInterval(timer);
  }
}
