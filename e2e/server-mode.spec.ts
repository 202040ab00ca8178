import { request } from '@playwright/test';
import { expect, startWorkbench, test } from './fixtures';

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
