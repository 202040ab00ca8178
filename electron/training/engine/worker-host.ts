import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WorkbenchError } from '../../../shared/contract';
import type { HostMessage, WorkerMessage } from './protocol';
import type { BatchReport, EpochReport } from './types';

/**
 * Starting the engine's worker, from either shape of the code:
 * - built (out/main/*.js, the app and `workbench serve`): the worker is its own
 *   entry, out/main/training-worker.js, beside the entry that imports this
 *   module (or one folder up, from a shared chunk);
 * - source (vitest, tsx): the worker is training-worker.ts, loaded through tsx.
 */

const here = import.meta.url;
const live = new Set<Worker>();

/** Workers of this process still running (for tests: a cancelled fit leaves none behind). */
export function liveWorkerCount(): number {
  return live.size;
}

function spawn(): Worker {
  const fromSource = /\.ts$/.test(fileURLToPath(here));
  let worker: Worker;
  if (fromSource) {
    const source = new URL('./training-worker.ts', here).href;
    worker = new Worker(`import(${JSON.stringify(tsxEsmApi())}).then((tsx) => tsx.tsImport(${JSON.stringify(source)}, ${JSON.stringify(here)}))`, { eval: true });
  } else {
    const name = 'training-worker.js';
    const file = [new URL(name, here), new URL(`../${name}`, here)].map((url) => fileURLToPath(url)).find((path) => existsSync(path));
    if (!file) throw new WorkbenchError('internal', `The training worker (${name}) is missing beside ${fileURLToPath(here)}; rebuild the app.`);
    worker = new Worker(file);
  }
  live.add(worker);
  worker.once('exit', () => live.delete(worker));
  return worker;
}

/** tsx's ESM API as a file URL (its CommonJS twin mis-resolves from an eval'd worker). */
function tsxEsmApi(): string {
  const manifest = createRequire(here).resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import?: { default?: string } }> };
  const entry = exports['./esm/api']?.import?.default;
  if (!entry) throw new WorkbenchError('internal', 'tsx has no ESM API to run the training worker from source.');
  return pathToFileURL(join(dirname(manifest), entry)).href;
}

export interface RequestHooks {
  onBatch?(report: BatchReport): void;
  onEpoch?(report: EpochReport): 'continue' | 'stop';
}

/**
 * One worker and its requests, one at a time. A worker that dies (a crash, or
 * `kill` for a cancel) fails the request in flight and every later one.
 */
export class EngineWorker {
  private readonly worker = spawn();
  private queue: Promise<unknown> = Promise.resolve();
  private current: { resolve(value: unknown): void; reject(error: unknown): void; hooks: RequestHooks } | null = null;
  private hookError: unknown = null;
  private dead: WorkbenchError | null = null;

  constructor() {
    this.worker.on('message', (message: WorkerMessage) => this.receive(message));
    this.worker.on('error', (error: Error & { code?: string }) => {
      const code = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out_of_memory' : 'internal';
      this.fail(new WorkbenchError(code, `The training worker failed: ${error.message}`));
    });
    this.worker.on('exit', (exitCode) => this.fail(new WorkbenchError('internal', `The training worker stopped unexpectedly (exit code ${exitCode}).`)));
  }

  request<T>(message: HostMessage, hooks: RequestHooks = {}): Promise<T> {
    const run = (): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        if (this.dead) return reject(this.dead);
        this.current = { resolve: (value) => resolve(value as T), reject, hooks };
        this.hookError = null;
        this.worker.postMessage(message);
      });
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Stops the worker at once (mid-kernel if need be) and fails what is in flight with `reason`. */
  async kill(reason: WorkbenchError): Promise<void> {
    this.fail(reason);
    await this.worker.terminate();
  }

  private receive(message: WorkerMessage): void {
    const current = this.current;
    if (!current) return;
    switch (message.type) {
      case 'batch':
        this.callHook(() => current.hooks.onBatch?.(message.report));
        return;
      case 'epoch': {
        let value: 'continue' | 'stop' = 'continue';
        this.callHook(() => (value = current.hooks.onEpoch?.(message.report) ?? 'continue'));
        this.worker.postMessage({ type: 'decision', value: this.hookError ? 'stop' : value } satisfies HostMessage);
        return;
      }
      case 'done':
        this.current = null;
        if (this.hookError) current.reject(this.hookError);
        else current.resolve(message.value);
        return;
      case 'failed':
        this.current = null;
        current.reject(WorkbenchError.fromApiError(message.error));
        return;
    }
  }

  /** A hook that throws ends the fit after the current epoch, and the fit fails with its error. */
  private callHook(call: () => void): void {
    if (this.hookError) return;
    try {
      call();
    } catch (error) {
      this.hookError = error;
    }
  }

  private fail(reason: WorkbenchError): void {
    this.dead ??= reason;
    const current = this.current;
    this.current = null;
    current?.reject(this.dead);
  }
}
