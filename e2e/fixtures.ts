import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { _electron as electron } from 'playwright-core';

export const repoRoot = resolve(import.meta.dirname, '..');

export interface ServerUnderTest {
  url: string;
  token: string;
  workspace: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the built `workbench serve` on a fresh temporary home and workspace. */
export async function startWorkbench(): Promise<ServerUnderTest> {
  const home = mkdtempSync(join(tmpdir(), 'workbench-e2e-'));
  const workspace = join(home, 'e2e-workspace');
  mkdirSync(join(workspace, 'data'), { recursive: true });
  const token = randomBytes(16).toString('hex');
  const child = spawn(process.execPath, [join(repoRoot, 'bin/workbench.js'), 'serve', '--workspace', workspace, '--port', '0', '--token', token], {
    env: { ...process.env, WORKBENCH_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`workbench serve printed no URL in 15 s:\n${stderr}`)), 15_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^ML Workbench running at (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\w+)$/m.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`workbench serve exited with ${code}:\n${stderr}`)));
  });
  return {
    url,
    token,
    workspace,
    process: child,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}

type Fixtures = { app: Page; server: ServerUnderTest | null };

/** `app` is the workbench UI: a browser page on server mode, or the Electron window. */
export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for from this pattern.
  server: async ({}, use, testInfo) => {
    if (testInfo.project.metadata.target === 'electron') return use(null);
    const server = await startWorkbench();
    await use(server);
    await server.stop();
  },
  app: async ({ page, server }, use, testInfo) => {
    if (testInfo.project.metadata.target === 'electron') {
      const home = mkdtempSync(join(tmpdir(), 'workbench-e2e-electron-'));
      const app = await electron.launch({ args: [join(repoRoot, 'out/main/index.js')], env: { ...process.env, WORKBENCH_HOME: home } });
      await use(await app.firstWindow());
      await app.close();
      rmSync(home, { recursive: true, force: true });
      return;
    }
    await page.goto(`${server!.url}/?token=${server!.token}`);
    await use(page);
  },
});

export { expect } from '@playwright/test';
