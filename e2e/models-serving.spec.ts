import { addDataset, churnCsv } from './api';
import { expect, test } from './fixtures';

test('registers the churn model trained in the UI, sets champion, serves it and scores a row with the try-it form', async ({ app }) => {
  test.setTimeout(240_000);
  await addDataset(app, churnCsv);
  const stages = app.getByRole('navigation', { name: 'Workflow stages' });

  // Train it from the Train tab.
  await stages.getByRole('button', { name: 'Experiments', exact: true }).click();
  const experiments = app.getByTestId('view-experiments');
  const form = experiments.getByRole('form', { name: 'Train a model' });
  await form.getByLabel('Dataset', { exact: true }).selectOption('telco_customer_churn');
  await form.getByLabel('Target', { exact: true }).selectOption('Churn');
  await form.getByTestId('train-propose').click();
  await expect(form.getByRole('table', { name: 'Pipeline columns' }).getByTestId('pipeline-row')).toHaveCount(20);
  await form.getByLabel('Epochs', { exact: true }).fill('5');
  await form.getByTestId('train-start').click();
  const entry = experiments.getByTestId('training-queue').getByTestId('queue-entry').first();
  await expect(entry).toHaveAttribute('data-state', 'succeeded', { timeout: 120_000 });

  // Register its model as "churn" and make version 1 the champion.
  await stages.getByRole('button', { name: 'Models', exact: true }).click();
  const models = app.getByTestId('view-models');
  await models.getByRole('tab', { name: 'Register' }).click();
  const register = models.getByTestId('register-run-form');
  await expect(register.getByTestId('register-run-select').locator('option')).toHaveCount(2);
  await register.getByTestId('register-run-select').selectOption({ index: 1 });
  await register.getByTestId('register-run-name').fill('churn');
  await register.getByTestId('register-run-submit').click();
  const page = models.getByTestId('model-page');
  await expect(page).toHaveAttribute('data-name', 'churn', { timeout: 60_000 });
  await expect(page.getByTestId('version-row')).toHaveCount(1);
  await expect(page.getByTestId('version-row').first()).toHaveAttribute('data-version', '1');
  await page.getByTestId('alias-input').fill('champion');
  await page.getByTestId('alias-set').click();
  await expect(page.locator('[data-testid="alias-chip"][data-alias="champion"]').first()).toBeVisible();

  // Serve models:/churn@champion from the Serving view.
  await stages.getByRole('button', { name: 'Serving', exact: true }).click();
  const serving = app.getByTestId('view-serving');
  await serving.getByTestId('serving-model').selectOption('churn');
  await expect(serving.getByTestId('serving-ref')).toHaveValue('models:/churn@champion');
  await serving.getByTestId('serving-add-model').click();
  // The inference log is on unless turned off.
  await expect(serving.getByTestId('serving-log-requests')).toBeChecked();
  await serving.getByTestId('serving-start').click();
  const server = serving.getByTestId('serving-server');
  await expect(server).toHaveCount(1, { timeout: 30_000 });
  await expect(server.getByTestId('serving-served-model')).toContainText('1');
  await expect(server.getByTestId('serving-log-badge')).toHaveText('logged to inference_churn');

  // Score one row with the try-it form: the answer, then the request in the live log.
  await serving.getByTestId('tryit-field-tenure').fill('2');
  await serving.getByTestId('tryit-field-MonthlyCharges').fill('80.5');
  await serving.getByTestId('tryit-send').click();
  await expect(serving.getByTestId('tryit-status')).toContainText('200', { timeout: 30_000 });
  await expect(serving.getByTestId('tryit-answer')).toContainText('predictions');
  await expect(serving.getByTestId('tryit-answer')).toContainText('probability_Yes');
  await expect(serving.locator('[data-testid="serving-log-row"][data-path="/invocations"]').first()).toHaveAttribute('data-status', '200');
});
