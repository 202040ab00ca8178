import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isWorkbenchError } from '../shared/contract';
import type { Logger } from '../electron/log';

export const repoRoot = resolve(import.meta.dirname, '..');
export const resourcesDir = join(repoRoot, 'resources');

/** A fresh temporary folder, removed by the returned cleanup. */
export function tempDir(prefix = 'workbench-test-'): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** A logger that keeps its lines, for tests that check what was logged. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (message: string, detail?: unknown) => {
    lines.push(`${level} ${message}${detail === undefined ? '' : ` ${String(detail instanceof Error ? detail.stack : JSON.stringify(detail))}`}`);
  };
  return { lines, info: push('info'), warn: push('warn'), error: push('error') };
}

export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The WorkbenchError a promise rejects with; fails the test if it resolves or throws anything else. */
export async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    if (isWorkbenchError(error)) return { code: error.code, message: error.message, details: error.details };
    throw error;
  }
  throw new Error('expected a failure');
}
