import { resolve } from 'node:path';
import { isWorkbenchError, type ErrorCode } from '../../shared/contract';
import { createBackend, defaultAppHome, defaultSampleDir, type Backend } from '../backend';
import type { JobContext } from '../jobs';
import { createLogger, type Logger } from '../log';

/**
 * A server-mode backend for one command, without background work. A command's
 * stderr is for its own messages: the backend's routine info lines stay out;
 * `log` is the full logger, for the command's own lines.
 */
export function createHeadlessBackend(resourcesDir: string): { backend: Backend; log: Logger } {
  const log = createLogger();
  const quiet: Logger = { ...log, info: () => undefined };
  const backend = createBackend({ mode: 'server', appHome: defaultAppHome(), sampleDir: defaultSampleDir(), resourcesDir, log: quiet, background: false });
  return { backend, log };
}

/** `--workspace DIR`, else the last workspace (or the sample). */
export function openWorkspace(backend: Backend, workspace: string | undefined): void {
  if (workspace !== undefined) backend.workspace.open(resolve(workspace));
  else backend.workspace.openDefault();
}

/** Prints `workbench: message`; the exit code is 2 when the error is one of `usage` (the user's to fix), else 1. */
export function reportFailure(error: unknown, usage: readonly ErrorCode[]): number {
  process.stderr.write(`workbench: ${isWorkbenchError(error) || error instanceof Error ? error.message : String(error)}\n`);
  return isWorkbenchError(error) && usage.includes(error.code) ? 2 : 1;
}

export interface OneShotOptions {
  workspace?: string;
  /** Output for scripts: no progress line either. */
  json?: boolean;
  resourcesDir: string;
}

/**
 * Runs `work` once on a headless backend with the workspace open, and prints
 * the text it answers on stdout. Progress shows on a terminal; Ctrl-C aborts
 * `job.signal` (exit 130). Resolves with the exit code.
 */
export async function runOneShot(
  options: OneShotOptions,
  usage: readonly ErrorCode[],
  work: (backend: Backend, job: JobContext) => Promise<string>,
): Promise<number> {
  const { backend } = createHeadlessBackend(options.resourcesDir);
  const controller = new AbortController();
  const interrupt = (): void => controller.abort();
  process.once('SIGINT', interrupt);
  const interactive = process.stderr.isTTY && !options.json;
  const clearProgress = (): void => {
    if (interactive) process.stderr.write('\r\x1b[K');
  };
  try {
    openWorkspace(backend, options.workspace);
    const text = await work(backend, {
      signal: controller.signal,
      progress: (fraction, message) => {
        if (interactive) process.stderr.write(`\r${fraction === null ? '' : `${Math.round(fraction * 100)}% `}${message ?? ''}\x1b[K`);
      },
    });
    clearProgress();
    process.stdout.write(text);
    return 0;
  } catch (error) {
    clearProgress();
    const code = reportFailure(error, usage);
    return controller.signal.aborted ? 130 : code;
  } finally {
    process.off('SIGINT', interrupt);
    await backend.close();
  }
}
