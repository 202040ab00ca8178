import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { request } from '@playwright/test';
import Database from 'better-sqlite3';
import { expect, repoRoot, startWorkbench, test } from './fixtures';

// Server mode only (the electron project ignores this file).

test('the API refuses a request without the token', async ({ server, app }) => {
  const anonymous = await request.newContext();
  const refused = await anonymous.post(`${server!.url}/api/workspace.current`, { data: {} });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe('unauthorized');
  expect((await anonymous.get(`${server!.url}/`)).status()).toBe(401);
  await anonymous.dispose();
  // The page itself, holding the cookie, gets through.
  const status = await app.evaluate(async () => (await fetch('/api/health')).status);
  expect(status).toBe(200);
});

test('says so in the status bar when the backend goes away, and the UI stays up', async ({ page }) => {
  const server = await startWorkbench();
  try {
    await page.goto(`${server.url}/?token=${server.token}`);
    await expect(page.getByTestId('status-health')).toHaveText(/Backend healthy/);
    server.process.kill('SIGTERM');
    await expect(page.getByTestId('status-health')).toHaveText(/Connecting to backend|Backend unreachable/);
    await expect(page.getByRole('navigation', { name: 'Workflow stages' })).toBeVisible();
  } finally {
    await server.stop();
  }
});

test.describe('workbench serve refuses a bad workspace with a clear message', () => {
  const serve = (workspace: string, home: string) =>
    spawnSync(process.execPath, [join(repoRoot, 'bin/workbench.js'), 'serve', '--workspace', workspace, '--port', '0'], {
      env: { ...process.env, WORKBENCH_HOME: home },
      encoding: 'utf8',
      timeout: 15_000,
    });

  test('a missing folder', () => {
    const home = mkdtempSync(join(tmpdir(), 'workbench-e2e-'));
    const result = serve(join(home, 'missing'), home);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`workbench: The folder ${join(home, 'missing')} does not exist.`);
    expect(result.stdout).toBe('');
    expect(existsSync(join(home, 'missing'))).toBe(false);
    rmSync(home, { recursive: true, force: true });
  });

  test('a store written by a newer version, left as it was', () => {
    const home = mkdtempSync(join(tmpdir(), 'workbench-e2e-'));
    const store = join(home, 'ws', '.workbench', 'workbench.sqlite');
    mkdirSync(dirname(store), { recursive: true });
    const db = new Database(store);
    const workbenchMark = 0x4d4c5742; // 'MLWB'
    db.pragma(`application_id = ${workbenchMark}`);
    db.pragma('user_version = 999');
    db.close();
    const before = readFileSync(store);
    const result = serve(join(home, 'ws'), home);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/written by a newer ML Workbench \(store version 999; this one knows up to \d+\)/);
    expect(readFileSync(store).equals(before)).toBe(true);
    rmSync(home, { recursive: true, force: true });
  });
});
