import { existsSync, readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const GENERATED = 'SELECT range AS n, range % 7 AS k FROM range(100000)';

async function openSql(app: Page): Promise<Locator> {
  await app.getByRole('navigation', { name: 'Workflow stages' }).getByRole('button', { name: 'Data', exact: true }).click();
  await app.getByRole('tablist', { name: 'Data tools' }).getByRole('tab', { name: 'SQL' }).click();
  const editor = app.getByTestId('sql-editor').locator('.monaco-editor');
  await expect(editor).toBeVisible();
  return editor;
}

/**
 * Types into Monaco as a user would. Line breaks are inserted as text, not with
 * Enter, which would accept a suggestion that popped up late.
 */
async function typeSql(app: Page, editor: Locator, sql: string): Promise<void> {
  await editor.locator('.view-lines').click();
  await app.keyboard.press('ControlOrMeta+A');
  await app.keyboard.press('Backspace');
  const lines = sql.split('\n');
  for (const [index, line] of lines.entries()) {
    if (index > 0) await app.keyboard.insertText('\n');
    await app.keyboard.type(line);
  }
  await app.keyboard.press('Escape');
  await expect(app.locator('.suggest-widget.visible')).toHaveCount(0);
  await expect(editor.locator('.view-lines')).toContainText(lines.at(-1)!.replace(/ /g, '\u00a0'));
}

// Each editor tab keeps its result; only the active tab's is visible.
const grid = (app: Page): Locator => app.getByTestId('sql-grid').filter({ visible: true });
const rowCount = (app: Page): Locator => app.getByTestId('sql-row-count').filter({ visible: true });
/** The first data row's cell in a column (1 is the row number). */
const firstRowCell = (app: Page, column: number): Locator => grid(app).locator('[role="row"][aria-rowindex="2"] [role="gridcell"]').nth(column - 1);

test('runs a query with Ctrl+Enter, counts, pages, sorts and filters a 100,000-row result', async ({ app }, testInfo) => {
  test.setTimeout(90_000);
  const editor = await openSql(app);
  await typeSql(app, editor, GENERATED);
  await app.keyboard.press('ControlOrMeta+Enter');

  await expect(rowCount(app)).toHaveText('100,000 rows');
  await expect(app.getByTestId('sql-summary')).toContainText(/2 columns · query \d/);
  await expect(grid(app).getByRole('columnheader', { name: /^n\s*BIGINT/ })).toBeVisible();
  await expect(firstRowCell(app, 1)).toHaveText('0');
  await app.screenshot({ path: testInfo.outputPath('sql-result.png') });

  // Far down: rows beyond the first page come from data.page as the grid scrolls.
  await grid(app).evaluate((el) => (el.scrollTop = 60_000 * 26));
  await expect(grid(app).getByRole('gridcell', { name: '60005', exact: true })).toBeVisible();
  await grid(app).evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(grid(app).getByRole('gridcell', { name: '99999', exact: true })).toBeVisible();
  await expect(grid(app).locator('.sql-cell-loading')).toHaveCount(0);

  // Sort in DuckDB: ascending, then descending puts the largest n on top.
  const sortN = grid(app).getByRole('button', { name: /^n\s/ });
  await sortN.click();
  await expect(grid(app).getByRole('columnheader', { name: /^n/ })).toHaveAttribute('aria-sort', 'ascending');
  await sortN.click();
  await expect(grid(app).getByRole('columnheader', { name: /^n/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(firstRowCell(app, 1)).toHaveText('99999');
  expect(await grid(app).evaluate((el) => el.scrollTop)).toBe(0);

  // Filter k = 3 in DuckDB: 14,286 rows, the largest being 99998.
  await grid(app).getByRole('button', { name: 'Filter k' }).click();
  const value = app.getByRole('textbox', { name: 'Filter value for k' });
  await value.fill('3');
  await value.press('Enter');
  await expect(rowCount(app)).toHaveText('14,286 rows');
  await expect(firstRowCell(app, 1)).toHaveText('99998');
  await expect(firstRowCell(app, 2)).toHaveText('3');
  await app.screenshot({ path: testInfo.outputPath('sql-sorted-filtered.png') });

  // A filter that cannot apply says why and changes nothing.
  await value.fill('three');
  await value.press('Enter');
  await expect(app.getByRole('group', { name: 'Filters' }).getByRole('alert')).toHaveText('“three” is not a number.');
  await expect(rowCount(app)).toHaveText('14,286 rows');
  await app.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect(rowCount(app)).toHaveText('100,000 rows');
});

test('scrolls to the end of ten million rows, fetching only the pages on screen', async ({ app }) => {
  const editor = await openSql(app);
  await typeSql(app, editor, 'SELECT range AS n FROM range(10000000)');
  let pageCalls = 0;
  app.on('request', (request) => request.url().endsWith('/api/data.page') && pageCalls++);
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(rowCount(app)).toHaveText('10,000,000 rows');
  await grid(app).evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(grid(app).getByRole('gridcell', { name: '9999999', exact: true })).toBeVisible();
  await expect(grid(app).getByRole('rowheader', { name: '10,000,000', exact: true })).toBeVisible();
  // Only the rows on screen are in the page, and only a page or two came over the wire.
  expect(await grid(app).getByRole('row').count()).toBeLessThan(80);
  expect(pageCalls).toBeLessThanOrEqual(3);
  // The middle too: the scaled scroll area maps back to the right rows.
  await grid(app).evaluate((el) => (el.scrollTop = (el.scrollHeight - el.clientHeight) / 2));
  await expect(grid(app).getByRole('gridcell', { name: /^50000\d\d$/ }).first()).toBeVisible();
});

test('shows a DuckDB syntax error near the editor and marks its line', async ({ app }, testInfo) => {
  const editor = await openSql(app);
  await typeSql(app, editor, 'SELECT range AS n\nFROM range(10)\nWHER n > 3');
  await app.getByRole('button', { name: 'Run', exact: true }).click();
  const error = app.getByTestId('sql-error');
  await expect(error).toContainText('query_failed');
  await expect(error).toContainText('Parser Error: syntax error at or near "n"');
  await expect(error).toContainText('LINE 3: WHER n > 3');
  await expect(error).toContainText('line 3, column 6 (marked in the editor)');
  await expect(editor.locator('.sql-error-line')).toHaveCount(1);
  await app.screenshot({ path: testInfo.outputPath('sql-error.png') });

  // Fixing it clears the error and the mark.
  await typeSql(app, editor, 'SELECT range AS n FROM range(10) WHERE n > 3');
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(rowCount(app)).toHaveText('6 rows');
  await expect(error).toBeHidden();
  await expect(editor.locator('.sql-error-line')).toHaveCount(0);
});

test('cancels a long query', async ({ app }) => {
  const editor = await openSql(app);
  await typeSql(app, editor, 'SELECT count(*) FROM range(10000000000) WHERE hash(range) % 7 = 0');
  const run = app.getByRole('button', { name: 'Run', exact: true });
  await run.click();
  await expect(app.getByRole('status').filter({ hasText: 'Running…' })).toBeVisible();
  await expect(run).toBeDisabled();
  await app.getByTestId('view-data').getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(app.getByRole('status').filter({ hasText: /The query was cancelled after/ })).toBeVisible({ timeout: 15_000 });
  await expect(run).toBeEnabled();
  // The backend is free again: the next query runs.
  await typeSql(app, editor, 'SELECT 1 AS one');
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(rowCount(app)).toHaveText('1 row');
});

test('runs only the selection, and keeps tabs with their SQL across a reload', async ({ app }) => {
  const editor = await openSql(app);
  await typeSql(app, editor, 'SELECT 1 AS a;\nSELECT range AS b FROM range(5)');
  // Select the second line only (Shift+Home from its end), and run it.
  await app.keyboard.press('Shift+Home');
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(rowCount(app)).toHaveText('5 rows');
  await expect(grid(app).getByRole('columnheader', { name: /^b/ })).toBeVisible();

  // A second tab, renamed, with its own SQL and result.
  await app.getByRole('button', { name: 'New SQL tab' }).click();
  const tabs = app.getByRole('tablist', { name: 'SQL tabs' });
  await tabs.getByRole('tab', { name: 'Query 2' }).dblclick();
  await app.getByRole('textbox', { name: 'Tab name' }).fill('Script');
  await app.keyboard.press('Enter');
  await expect(tabs.getByRole('tab', { name: 'Script' })).toHaveAttribute('aria-selected', 'true');
  await typeSql(app, editor, 'CREATE TEMP TABLE t AS SELECT 42 AS x; SELECT x FROM t');
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(rowCount(app)).toHaveText('1 row');
  await expect(app.getByText('A script of 2 statements')).toBeVisible();
  await expect(grid(app).getByRole('button', { name: /^x/ })).toBeDisabled(); // scripts' results are not sortable

  // Back to the first tab: its result is still there.
  await tabs.getByRole('tab', { name: 'Query 1' }).click();
  await expect(rowCount(app)).toHaveText('5 rows');

  await app.reload();
  await openSql(app);
  await expect(tabs.getByRole('tab')).toHaveText(['Query 1', 'Script']);
  await expect(editor.locator('.view-lines')).toContainText('SELECT\u00a0range\u00a0AS\u00a0b\u00a0FROM\u00a0range(5)');
  await tabs.getByRole('tab', { name: 'Script' }).click();
  await expect(editor.locator('.view-lines')).toContainText('SELECT\u00a0x\u00a0FROM\u00a0t');
  await tabs.getByRole('button', { name: 'Close Script' }).click();
  await expect(tabs.getByRole('tab')).toHaveText(['Query 1']);
});

test('exports a result to CSV, saves it as a dataset, and completes its name', async ({ app }) => {
  test.setTimeout(60_000);
  const editor = await openSql(app);
  await typeSql(app, editor, 'SELECT range AS n, range % 7 AS k FROM range(1000)');
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(rowCount(app)).toHaveText('1,000 rows');

  await app.getByRole('button', { name: 'Export…' }).click();
  const exportForm = app.getByRole('form', { name: 'Export the result' });
  const path = await exportForm.getByRole('textbox').inputValue();
  expect(path).toMatch(/query_1\.csv$/);
  await exportForm.getByRole('button', { name: 'Export' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Exported the result to' })).toBeVisible();
  expect(existsSync(path)).toBe(true);
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('n,k');
  expect(lines).toHaveLength(1001);

  await app.getByRole('button', { name: 'Save as dataset…' }).click();
  const saveForm = app.getByRole('form', { name: 'Save as dataset' });
  await saveForm.getByRole('textbox', { name: 'Dataset name' }).fill('thousand');
  await saveForm.getByRole('button', { name: 'Save' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Saved as dataset thousand' })).toBeVisible();

  // Completion offers the new dataset, then its columns after "thousand.".
  await typeSql(app, editor, 'SELECT count(*) AS c FROM thous');
  await app.keyboard.press('Control+Space');
  const suggestions = app.locator('.suggest-widget');
  await expect(suggestions).toContainText('thousand');
  await app.keyboard.press('Enter');
  await expect(editor.locator('.view-lines')).toContainText('FROM\u00a0thousand');
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(firstRowCell(app, 1)).toHaveText('1000');
  await app.keyboard.type(' WHERE thousand.');
  await expect(suggestions).toContainText('BIGINT · thousand');
});

test('profiles a query result in place of its rows, but not a script’s', async ({ app }, testInfo) => {
  test.setTimeout(60_000);
  const editor = await openSql(app);
  await typeSql(app, editor, 'SELECT range % 10 AS digit, range * 1.5 AS x FROM range(1000)');
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(rowCount(app)).toHaveText('1,000 rows');

  const show = app.getByRole('group', { name: 'Show' }).filter({ visible: true });
  await show.getByRole('button', { name: 'Profile', exact: true }).click();
  await expect(show.getByRole('button', { name: 'Profile', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(grid(app)).toHaveCount(0);
  const pane = app.getByTestId('sql-profile').filter({ visible: true });
  await expect(pane.getByText(/^1,000 rows, 2 columns, profiled in/)).toBeVisible();
  const profile = pane.getByRole('table', { name: 'Column profiles of Query 1' });
  // Cells after the column's name: distribution, missing, distinct, mean / mode, std, min, max.
  const digit = profile.getByRole('row', { name: /^digit / }).getByRole('cell');
  await expect(digit.nth(2)).toHaveText('10');
  await expect(digit.nth(3)).toHaveText('4.5');
  const x = profile.getByRole('row', { name: /^x / }).getByRole('cell');
  await expect(x.nth(5)).toHaveText('0');
  await expect(x.nth(6)).toHaveText('1,498.5');
  await expect(pane.getByLabel('Target column').locator('option')).toHaveText(['(none)', 'digit', 'x']);
  await app.screenshot({ path: testInfo.outputPath('sql-profile.png'), fullPage: true });

  // The heatmaps come from the same profile: the last digit hardly follows x (numpy: r = 0.00995).
  await show.getByRole('button', { name: 'Correlations', exact: true }).click();
  const pearsonX = pane.getByRole('table', { name: 'Pearson correlations' }).getByRole('row', { name: /^x/ }).getByRole('cell');
  await expect(pearsonX).toHaveText(['0.01', '1.00']);

  // Back to the rows, as they were.
  await show.getByRole('button', { name: 'Rows', exact: true }).click();
  await expect(firstRowCell(app, 2)).toHaveText('0.0');

  // A script's rows were read once: nothing to profile, and the button says why.
  await typeSql(app, editor, 'CREATE TEMP TABLE t AS SELECT 42 AS v; SELECT v FROM t');
  await app.keyboard.press('ControlOrMeta+Enter');
  await expect(app.getByText('A script of 2 statements')).toBeVisible();
  const disabled = show.getByRole('button', { name: 'Profile', exact: true });
  await expect(disabled).toBeDisabled();
  await expect(disabled.locator('xpath=..')).toHaveAttribute('title', /Profiling needs a single SELECT/);
});
