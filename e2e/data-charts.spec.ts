import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { addDataset, churnCsv } from './api';
import { expect, test } from './fixtures';

async function openCharts(app: Page): Promise<Locator> {
  await app.getByRole('navigation', { name: 'Workflow stages' }).getByRole('button', { name: 'Data', exact: true }).click();
  await app.getByRole('tablist', { name: 'Data tools' }).getByRole('tab', { name: 'Charts' }).click();
  return app.getByRole('tabpanel', { name: 'Charts' });
}

/** The names in plotly's legend, as drawn in the SVG. */
const legendNames = (panel: Locator): Locator => panel.locator('.chart-plot g.legend text.legendtext');

test('draws a histogram of MonthlyCharges coloured by Churn, exports it, saves it and reopens it after a reload', async ({ app, server }, testInfo) => {
  test.setTimeout(120_000);
  expect(server, 'the dataset is added through server mode’s HTTP API').not.toBeNull();
  await addDataset(app, churnCsv, 'churn');
  const panel = await openCharts(app);
  const settings = panel.getByRole('form', { name: 'Chart settings' });

  await settings.getByLabel('Source').selectOption({ label: 'churn' });
  await settings.getByLabel('Kind').selectOption({ label: 'Histogram' });
  // Only number and date columns are offered for a histogram.
  await expect(settings.getByLabel('Column').locator('option', { hasText: 'Churn' })).toHaveCount(0);
  await settings.getByLabel('Column').selectOption('MonthlyCharges');
  await settings.getByLabel('Colour by').selectOption('Churn');

  // Two traces, one per value of Churn, drawn over shared bins.
  await expect(legendNames(panel)).toHaveText(['No', 'Yes']);
  await expect(panel.locator('.chart-plot .barlayer .trace')).toHaveCount(2);
  await expect(panel.getByTestId('chart-summary')).toContainText('7,043 rows · 40 bins');
  // Offline: no plotly logo or cloud links in the mode bar.
  await expect(panel.locator('.chart-plot .modebar-btn[data-title*="plotly" i], .chart-plot a[href*="plot.ly"]')).toHaveCount(0);
  await app.screenshot({ path: testInfo.outputPath('histogram.png') });

  const download = app.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export PNG' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.png$/);
  expect(await file.failure()).toBeNull();
  // A real PNG image, rendered in the page (nothing went to a server).
  expect(readFileSync(await file.path()).subarray(1, 4).toString('latin1')).toBe('PNG');
  const svg = app.waitForEvent('download');
  await panel.getByRole('button', { name: 'Export SVG' }).click();
  const svgFile = await svg;
  expect(svgFile.suggestedFilename()).toMatch(/\.svg$/);
  expect(readFileSync(await svgFile.path(), 'utf8')).toContain('<svg');

  const toolbar = panel.getByRole('form', { name: 'Save or export the chart' });
  await toolbar.getByLabel('Chart name').fill('Monthly charges by churn');
  await toolbar.getByRole('button', { name: 'Save chart' }).click();
  const saved = panel.getByRole('list', { name: 'Saved charts' });
  await expect(saved.getByRole('button', { name: 'Monthly charges by churn', exact: true })).toBeVisible();

  await app.reload();
  const again = await openCharts(app);
  await again.getByRole('list', { name: 'Saved charts' }).getByRole('button', { name: 'Monthly charges by churn', exact: true }).click();
  const reopened = again.getByRole('form', { name: 'Chart settings' });
  await expect(reopened.getByLabel('Source')).toHaveValue(/^d:/);
  await expect(reopened.getByLabel('Source').locator('option:checked')).toHaveText('churn');
  await expect(reopened.getByLabel('Column')).toHaveValue('MonthlyCharges');
  await expect(reopened.getByLabel('Colour by')).toHaveValue('Churn');
  await expect(legendNames(again)).toHaveText(['No', 'Yes']);
  await expect(again.getByRole('form', { name: 'Save or export the chart' }).getByLabel('Chart name')).toHaveValue('Monthly charges by churn');
});

test('offers only number columns for a box plot, and draws one box per group with its statistics', async ({ app, server }) => {
  test.setTimeout(60_000);
  expect(server).not.toBeNull();
  await addDataset(app, churnCsv, 'churn');
  const panel = await openCharts(app);
  const settings = panel.getByRole('form', { name: 'Chart settings' });
  await settings.getByLabel('Source').selectOption({ label: 'churn' });
  await settings.getByLabel('Kind').selectOption({ label: 'Box plot' });
  // A box needs numbers: text columns are not offered, and the one chosen is a number.
  await expect(settings.getByLabel('Column').locator('option', { hasText: 'gender' })).toHaveCount(0);
  await settings.getByLabel('Column').selectOption('tenure');
  await settings.getByLabel('Colour by').selectOption('Contract');
  const stats = panel.getByRole('table', { name: 'Box plot statistics' });
  await expect(stats.getByRole('row')).toHaveCount(4); // header and three contracts
  await expect(stats).toContainText('Month-to-month');
  await expect(panel.locator('.chart-plot .boxlayer .trace')).toHaveCount(3);
});
