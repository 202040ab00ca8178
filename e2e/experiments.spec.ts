import { addDataset, churnCsv } from './api';
import { expect, test } from './fixtures';

test('trains a model on the churn sample from the Train tab and watches it run', async ({ app, server }, testInfo) => {
  test.setTimeout(180_000);
  expect(server, 'the dataset is added through server mode’s HTTP API').not.toBeNull();
  // Added through the API, as a script would; its default name is `telco_customer_churn`.
  await addDataset(app, churnCsv);
  // A short run may pass an epoch between two looks: keep every progress text the queue ever shows.
  await app.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      document.querySelectorAll('[data-testid="queue-progress-message"]').forEach((element) => seen.push(element.textContent ?? ''));
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });

  await app.getByRole('navigation', { name: 'Workflow stages' }).getByRole('button', { name: 'Experiments', exact: true }).click();
  const view = app.getByTestId('view-experiments');
  await view.getByRole('tablist', { name: 'Experiment tools' }).getByRole('tab', { name: 'Train' }).click();
  const form = view.getByRole('form', { name: 'Train a model' });

  await form.getByLabel('Dataset', { exact: true }).selectOption('telco_customer_churn');
  await form.getByLabel('Target', { exact: true }).selectOption('Churn');
  await form.getByTestId('train-propose').click();

  // The proposal: the ID is dropped, categories one-hot, numbers scaled, each with its reason.
  const pipeline = form.getByRole('table', { name: 'Pipeline columns' });
  await expect(pipeline.getByTestId('pipeline-row')).toHaveCount(20);
  await expect(pipeline.getByLabel('customerID role')).toHaveValue('drop');
  await expect(pipeline.getByLabel('Contract role')).toHaveValue('categorical');
  await expect(pipeline.getByLabel('Contract one-hot')).toBeChecked();
  await expect(pipeline.getByLabel('tenure role')).toHaveValue('numeric');
  await expect(form.getByLabel('Task', { exact: true })).toHaveValue('binary');

  await form.getByLabel('Epochs', { exact: true }).fill('5');
  await form.getByLabel('Batch size', { exact: true }).fill('64');
  await form.getByTestId('train-start').click();

  const queue = view.getByTestId('training-queue');
  const entry = queue.getByTestId('queue-entry').first();
  await expect(entry).toHaveAttribute('data-state', /queued|running|succeeded/);
  await expect(entry).toHaveAttribute('data-state', 'succeeded', { timeout: 120_000 });
  const progress = await app.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  expect(progress.some((text) => /epoch \d+\/5/.test(text))).toBe(true);

  // The finished run: its test figures, the backend and device it ran on, and its curves.
  await expect(entry.getByTestId('queue-result')).toContainText('test_roc_auc');
  await expect(entry.getByTestId('queue-backend')).not.toBeEmpty();
  await expect(entry.getByTestId('queue-figures')).toContainText('loss');
  await expect(entry.locator('[data-testid="queue-chart"] .main-svg').first()).toBeVisible();
  await app.screenshot({ path: testInfo.outputPath('trained.png') });

  await entry.getByTestId('queue-open-run').click();
  await expect(view.getByRole('tab', { name: 'Runs' })).toHaveAttribute('aria-selected', 'true');
});

test('shows the problems of a spec next to its fields before training', async ({ app }) => {
  await app.getByRole('navigation', { name: 'Workflow stages' }).getByRole('button', { name: 'Experiments', exact: true }).click();
  const form = app.getByRole('form', { name: 'Train a model' });
  await form.getByLabel('Epochs', { exact: true }).fill('ten');
  await form.getByLabel('Validation', { exact: true }).fill('0.3');
  await form.getByTestId('train-start').click();
  await expect(form.getByTestId('train-problems')).toBeVisible();
  await expect(form.getByLabel('Epochs', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  // Each message sits under its field.
  const problems = form.getByTestId('train-problem');
  await expect(problems.filter({ hasText: '"ten" is not a number' })).toBeVisible();
  await expect(problems.filter({ hasText: 'the fractions add up to 1.1, not 1' })).toBeVisible();
  await expect(problems.filter({ hasText: 'choose a dataset' })).toBeVisible();
  await expect(app.getByTestId('training-queue').getByTestId('queue-entry')).toHaveCount(0);
});
