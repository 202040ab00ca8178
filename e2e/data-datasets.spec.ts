import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, repoRoot, test } from './fixtures';

const sample = join(repoRoot, 'resources/sample-data/telco-customer-churn.csv');

test('adds the churn CSV, profiles it with a target, renames and removes it', async ({ app }, testInfo) => {
  test.setTimeout(120_000);
  await app.getByRole('navigation', { name: 'Workflow stages' }).getByRole('button', { name: 'Data', exact: true }).click();
  const view = app.getByTestId('view-data');
  const panel = view.getByRole('tabpanel', { name: 'Datasets' });
  await expect(panel.getByText('No datasets yet')).toBeVisible();

  const add = panel.getByRole('form', { name: 'Add a dataset' });
  await add.getByLabel('Path, folder or glob').fill(sample);
  await add.getByLabel('Name (optional)').fill('churn');
  await add.getByRole('button', { name: 'Add', exact: true }).click();

  const list = panel.getByRole('table', { name: 'Datasets' });
  const row = list.getByRole('row', { name: /churn/ });
  await expect(row).toContainText('7,043');
  await expect(row.getByRole('cell').nth(0)).toHaveText('csv');
  await expect(row.getByRole('cell').nth(2)).toHaveText('21');
  await expect(row).toContainText('telco-customer-churn.csv');

  // The added dataset opens on its schema, which says what was read from text.
  const detail = panel.getByRole('region', { name: 'churn' });
  const schema = detail.getByRole('table', { name: 'Schema of churn' });
  await expect(schema.getByRole('row', { name: /TotalCharges/ })).toContainText('read as DOUBLE from text');
  await expect(schema.getByRole('row', { name: /TotalCharges/ })).toContainText('11 unparsed values');

  await detail.getByRole('tab', { name: 'Profile' }).click();
  const profile = detail.getByRole('table', { name: 'Column profiles of churn' });
  const totalCharges = profile.getByRole('row', { name: /TotalCharges/ });
  await expect(totalCharges).toContainText('11 unparsed');
  await expect(totalCharges).toContainText('0.2%'); // 11 of 7,043 missing
  await expect(profile.getByRole('row', { name: /^gender / })).toContainText('Male');
  await expect(profile.getByRole('row', { name: /^customerID / })).toContainText('every value distinct');
  await totalCharges.getByRole('button', { name: /TotalCharges/ }).click();
  await expect(detail.getByRole('table', { name: 'Quantiles of TotalCharges' })).toBeVisible();
  await detail.getByRole('button', { name: 'Show unparsed values' }).click();
  const unparsed = detail.getByRole('table', { name: 'Unparsed values of TotalCharges' });
  await expect(unparsed).toContainText('11 values of TotalCharges did not parse as DOUBLE');
  await expect(unparsed.getByRole('row')).toHaveCount(12); // a header and the 11 values
  await expect(unparsed.getByRole('cell', { name: /^\(blank\)/ })).toHaveCount(11);

  // With Churn as the target, every column is split by it and sorted by strength.
  await detail.getByLabel('Target column').selectOption('Churn');
  await expect(profile.getByRole('columnheader', { name: 'Distribution by Churn' })).toBeVisible();
  await expect(profile.getByRole('img', { name: 'MonthlyCharges by Churn, split by No / Yes' })).toBeVisible();
  const headers = profile.getByRole('rowheader');
  await expect(headers.nth(0)).toContainText('Churn');
  await expect(headers.nth(0)).toContainText('target');
  await expect(headers.nth(1)).toContainText('Contract'); // Cramér's V 0.41, the strongest
  await expect(profile.getByRole('img', { name: 'Distribution of the target Churn, split by No / Yes' })).toBeVisible();
  await detail.getByRole('checkbox', { name: 'Stretch bars to 100%' }).check();
  await profile.getByRole('button', { name: /MonthlyCharges/ }).click();
  await expect(detail.getByText(/By Churn: correlation ratio η 0\.19/)).toBeVisible();
  await app.screenshot({ path: testInfo.outputPath('profile-by-target.png'), fullPage: true });

  await detail.getByRole('tab', { name: 'Correlations' }).click();
  await expect(detail.getByText('Computed on all 7,043 rows.')).toBeVisible();
  const pearson = detail.getByRole('table', { name: 'Pearson correlations' });
  await expect(pearson.getByRole('row', { name: /^tenure/ }).getByRole('cell').nth(1)).toHaveText('1.00');
  await detail.getByRole('radio', { name: "Cramér's V" }).check();
  await expect(detail.getByRole('table', { name: "Cramér's V correlations" })).toContainText('Contract');

  // Query in SQL hands the dataset to the SQL tab.
  await detail.getByRole('button', { name: 'Query in SQL' }).click();
  await expect(view.getByRole('tab', { name: 'SQL' })).toHaveAttribute('aria-selected', 'true');
  await view.getByRole('tab', { name: 'Datasets' }).click();

  await detail.getByRole('button', { name: 'Edit description' }).click();
  await detail.getByRole('textbox', { name: 'Description' }).fill('IBM sample: one row per customer.');
  await detail.getByRole('button', { name: 'Save description' }).click();
  await expect(detail.getByText('IBM sample: one row per customer.')).toBeVisible();

  await detail.getByRole('button', { name: 'Rename' }).click();
  await detail.getByRole('textbox', { name: 'New name' }).fill('telco');
  await detail.getByRole('button', { name: 'Save name' }).click();
  const renamed = panel.getByRole('region', { name: 'telco' });
  await expect(renamed).toBeVisible();
  await expect(list.getByRole('row', { name: /telco/ })).toContainText('7,043');
  await expect(list.getByRole('row', { name: /^churn/ })).toHaveCount(0);

  // The list and the new name survive a reload: they live in the workspace.
  await app.reload();
  await expect(list.getByRole('row', { name: /telco/ })).toContainText('7,043');
  await list.getByRole('button', { name: 'telco' }).click();

  await renamed.getByRole('button', { name: 'Remove' }).click();
  const confirm = app.getByRole('dialog', { name: 'Remove telco?' });
  await expect(confirm).toContainText('The file itself is not deleted');
  await expect(confirm).toContainText(sample);
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(confirm).toBeHidden();
  await expect(panel.getByText('No datasets yet')).toBeVisible();
  expect(existsSync(sample)).toBe(true);
});

test('checks the name as typed and reports a path that does not exist', async ({ app }) => {
  await app.getByRole('navigation', { name: 'Workflow stages' }).getByRole('button', { name: 'Data', exact: true }).click();
  const panel = app.getByRole('tabpanel', { name: 'Datasets' });
  const add = panel.getByRole('form', { name: 'Add a dataset' });
  await add.getByLabel('Name (optional)').fill('9 lives');
  await expect(add.getByText('a dataset name starts with a letter')).toBeVisible();
  await expect(add.getByRole('button', { name: 'Add', exact: true })).toBeDisabled();
  await add.getByLabel('Name (optional)').fill('');
  await add.getByLabel('Path, folder or glob').fill('/definitely/not/here.csv');
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(app.getByRole('alert').filter({ hasText: '/definitely/not/here.csv' })).toBeVisible();
  await expect(panel.getByText('No datasets yet')).toBeVisible();
});
