import type { Page } from '@playwright/test';
import { addDataset, callApi, churnCsv } from './api';
import { expect, test } from './fixtures';

/** Two finished runs on the churn sample that differ in learning rate and epochs, trained through the API. */
async function trainTwoRuns(app: Page): Promise<void> {
  await addDataset(app, churnCsv);
  const proposal = await callApi<{ pipeline: unknown; algorithm: unknown }>(app, 'training.propose', { dataset: 'telco_customer_churn', target: 'Churn' });
  const started: string[] = [];
  for (const [name, learningRate, epochs] of [['slow-lr', 0.001, 4], ['fast-lr', 0.05, 6]] as const) {
    const spec = { experiment: 'compare-e2e', runName: name, dataset: 'telco_customer_churn', pipeline: proposal.pipeline, algorithm: proposal.algorithm, settings: { learningRate, epochs, batchSize: 128 }, importance: false, backend: 'cpu' };
    started.push((await callApi<{ queueId: string }>(app, 'training.start', { spec, trigger: 'manual' })).queueId);
  }
  await expect
    .poll(async () => (await callApi<{ id: string; state: string }[]>(app, 'training.queue', {})).filter((e) => started.includes(e.id)).map((e) => e.state).join(','), { timeout: 120_000 })
    .toBe('succeeded,succeeded');
}

test('compares two runs: overlaid curves, figures per run, and the params that differ', async ({ app }) => {
  test.setTimeout(180_000);
  await trainTwoRuns(app);
  await app.getByRole('navigation', { name: 'Workflow stages' }).getByRole('button', { name: 'Experiments', exact: true }).click();
  const view = app.getByTestId('view-experiments');
  await view.getByRole('tab', { name: 'Runs' }).click();
  const table = view.getByTestId('runs-table');
  await expect(table.getByTestId('run-row')).toHaveCount(2);
  await expect(table.getByTestId('run-row').first()).toHaveAttribute('data-status', 'FINISHED');

  await table.getByLabel('Select slow-lr').check();
  await table.getByLabel('Select fast-lr').check();
  await view.getByTestId('runs-compare').click();

  const compare = view.getByTestId('compare-panel');
  await expect(compare.locator('[data-testid="compare-metric-chart"] .main-svg').first()).toBeVisible();
  // One curve per run on the chart.
  await expect(compare.getByTestId('compare-metric-chart').locator('.scatterlayer .trace')).toHaveCount(2);
  await expect(compare.getByTestId('compare-metrics')).toContainText('test_roc_auc');

  const params = compare.getByTestId('compare-params');
  await compare.getByTestId('compare-differences-only').check();
  await expect(params).toContainText('learningRate');
  await expect(params).toContainText('0.001');
  await expect(params).toContainText('0.05');
  await expect(params).not.toContainText('batchSize');
  await compare.getByTestId('compare-differences-only').uncheck();
  await expect(params).toContainText('batchSize');
});

test('opens a run: its params, its metric curves and the evaluation plots', async ({ app }) => {
  test.setTimeout(180_000);
  await trainTwoRuns(app);
  await app.getByRole('navigation', { name: 'Workflow stages' }).getByRole('button', { name: 'Experiments', exact: true }).click();
  const view = app.getByTestId('view-experiments');
  await view.getByRole('tab', { name: 'Runs' }).click();
  await view.getByTestId('runs-table').getByTestId('run-row').filter({ hasText: 'fast-lr' }).getByText('fast-lr').click();
  const detail = view.getByTestId('run-detail');
  await expect(detail).toContainText('fast-lr');
  await expect(detail).toContainText('Finished');
  await expect(detail).toContainText('cpu');
  await expect(detail.locator('.main-svg').first()).toBeVisible();
  await expect(detail).toContainText('ROC');
  await expect(detail).toContainText('Confusion');
});
