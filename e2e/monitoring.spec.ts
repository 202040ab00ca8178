import { pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { addDataset, callApi, churnCsv } from './api';
import { expect, test } from './fixtures';

interface JobAnswer {
  id: string;
  state: string;
  result?: unknown;
  error?: { message: string };
}

/** Starts a job through the API and waits for its result. */
async function runJob<T>(app: Page, procedure: string, input: unknown): Promise<T> {
  let job = await callApi<JobAnswer>(app, procedure, input);
  while (job.state === 'running' || job.state === 'queued') {
    await new Promise((resolve) => setTimeout(resolve, 100));
    job = await callApi<JobAnswer>(app, 'jobs.get', { id: job.id });
  }
  expect(job.error ? `${job.state}: ${job.error.message}` : job.state).toBe('succeeded');
  return job.result as T;
}

test('compares the churn data with a shifted copy in the Monitoring view, flags the shifted columns and opens the exported report offline', async ({ app, browser }, testInfo) => {
  test.skip(testInfo.project.metadata.target === 'electron', 'opens the export in a second browser context, which the Electron target has not');
  test.setTimeout(120_000);
  await addDataset(app, churnCsv);
  // The shifted copy: customers stay the same, tenure is two years longer and charges half as high again.
  const query = await runJob<{ resultId: string }>(app, 'data.query', { sql: 'SELECT * REPLACE (tenure + 24 AS tenure, MonthlyCharges * 1.5 AS MonthlyCharges) FROM telco_customer_churn' });
  await runJob(app, 'data.saveResult', { resultId: query.resultId, name: 'churn_shifted', mode: 'parquet' });

  await app.getByRole('navigation', { name: 'Workflow stages' }).getByRole('button', { name: 'Monitoring', exact: true }).click();
  const view = app.getByTestId('view-monitoring');
  const form = view.getByTestId('mon-form');
  await form.getByTestId('mon-name').fill('churn shift');
  await form.getByTestId('mon-ref-dataset').selectOption('telco_customer_churn');
  await form.getByTestId('mon-cur-dataset').selectOption('churn_shifted');
  await form.getByTestId('mon-run').click();

  const report = view.getByTestId('mon-report');
  await expect(report).toBeVisible({ timeout: 60_000 });
  const row = (column: string) => report.locator(`[data-testid="mon-drift-row"][data-column="${column}"]`);
  await expect(row('tenure')).toHaveAttribute('data-drifted', 'yes');
  await expect(row('MonthlyCharges')).toHaveAttribute('data-drifted', 'yes');
  await expect(row('gender')).toHaveAttribute('data-drifted', 'no');
  await expect(row('tenure').getByTestId('mon-drift-flag')).toHaveText('Yes');
  await expect(report.getByTestId('mon-count-drifted')).toHaveText('2');
  await expect(report.getByTestId('mon-verdict')).toHaveText(/^Dataset drift is (not )?detected \(threshold 0\.5\)$/);
  await expect(row('tenure').getByTestId('mon-histogram')).toHaveAttribute('data-drawn', 'true');

  // The report is saved: it is listed with its version.
  await view.getByTestId('monitoring-tab-reports').click();
  await expect(view.locator('[data-testid="mon-report-row"][data-name="churn shift"]')).toHaveAttribute('data-version', '1');
  await view.getByTestId('monitoring-tab-report').click();

  // Export it, then open the file with every network request refused.
  await expect(report.getByTestId('mon-export-path')).toHaveValue(/reports[\\/]churn-shift-v1\.html$/);
  await report.getByTestId('mon-export').click();
  await expect(report.getByTestId('mon-exported-path')).toHaveText(/churn-shift-v1\.html$/, { timeout: 30_000 });
  const exported = (await report.getByTestId('mon-exported-path').textContent()) ?? '';

  const offline = await browser.newContext({ offline: true });
  const refused: string[] = [];
  await offline.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    refused.push(url);
    return route.abort();
  });
  const page = await offline.newPage();
  await page.goto(pathToFileURL(exported).href);
  const table = page.locator('#drift-table');
  await expect(table).toBeVisible();
  await expect(table.locator('tr', { hasText: 'tenure' })).toContainText('yes');
  await expect(table.locator('tr', { hasText: 'MonthlyCharges' })).toContainText('yes');
  await expect(table.locator('tr', { hasText: 'gender' })).toContainText('no');
  expect(refused).toEqual([]);
  await offline.close();
});
