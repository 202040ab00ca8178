import { expect, test } from './fixtures';

// Every stage of the rail opens its own view (each has its own specs).
const stages = [
  ['Data', 'view-data', true],
  ['Notebooks', 'view-notebooks', true],
  ['Source Control', 'view-sourceControl', true],
  ['Experiments', 'view-experiments', true],
  ['Models', 'view-models', true],
  ['Serving', 'view-serving', true],
  ['Monitoring', 'view-monitoring', true],
] as const;

test('opens with the token and shows the backend healthy', async ({ app }) => {
  await expect(app.getByTestId('status-health')).toHaveText(/Backend healthy · v\d+\.\d+\.\d+/);
  await expect(app.getByTestId('status-workspace')).toHaveText(/e2e-workspace|sample-churn/);
  await expect(app.getByRole('heading', { name: 'Workspace', exact: true, level: 1 })).toBeVisible();
  // The token was traded for a cookie: it is no longer in the address bar.
  expect(app.url()).not.toContain('token=');
});

test('visits every workflow stage from the navigation rail', async ({ app }, testInfo) => {
  const rail = app.getByRole('navigation', { name: 'Workflow stages' });
  for (const [label, testId, built] of stages) {
    await rail.getByRole('button', { name: label, exact: true }).click();
    const view = app.getByTestId(testId);
    await expect(view).toBeVisible();
    await expect(view.getByRole('heading', { level: 1 }).first()).toBeVisible();
    if (built) await expect(view).not.toContainText('Not available yet');
    else await expect(view).toContainText('Not available yet');
    await expect(rail.getByRole('button', { name: label, exact: true })).toHaveAttribute('aria-current', 'page');
    await app.screenshot({ path: testInfo.outputPath(`${testId}.png`) });
  }
  await app.reload();
  await expect(app.getByTestId('view-monitoring')).toBeVisible(); // the view survives a reload
  await expect(app.getByTestId('status-health')).toHaveText(/Backend healthy/);
});

test('shows errors as readable messages with their code', async ({ app }) => {
  const form = app.getByRole('form', { name: 'Open a folder' });
  await form.getByLabel('Folder path').fill('/definitely/not/here');
  await form.getByRole('button', { name: 'Open' }).click();
  const alert = app.getByRole('alert').filter({ hasText: 'workspace_not_found' });
  await expect(alert).toContainText('The folder /definitely/not/here does not exist.');
  await expect(app.getByTestId('view-workspace')).toBeVisible(); // the UI did not go blank
});

test('runs a job from the command palette, with its result in the view', async ({ app }) => {
  await app.keyboard.press('Control+Shift+P');
  const palette = app.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('textbox', { name: 'Command' }).fill('disk usage');
  await expect(palette.getByRole('option')).toHaveCount(1);
  await app.keyboard.press('Enter');
  await expect(palette).toBeHidden();
  await expect(app.getByRole('status').filter({ hasText: /The workspace holds .+ in \d+ files/ })).toBeVisible();
  await app.getByRole('button', { name: 'Measure disk usage' }).click();
  await expect(app.getByTestId('usage-table')).toContainText('.workbench');
});

test('switches themes, and follows the system by default', async ({ app }) => {
  await expect(app.locator('html')).not.toHaveAttribute('data-theme', /.+/);
  await app.emulateMedia({ colorScheme: 'dark' });
  const background = () => app.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await background()).toBe('rgb(30, 31, 34)');
  await app.emulateMedia({ colorScheme: 'light' });
  expect(await background()).toBe('rgb(255, 255, 255)');
  await app.keyboard.press('Control+Shift+P');
  await app.getByRole('textbox', { name: 'Command' }).fill('theme dark');
  await app.keyboard.press('Enter');
  await expect(app.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).toBe('rgb(30, 31, 34)');
});
