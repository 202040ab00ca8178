import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, repoRoot, test } from './fixtures';

/*
 * The Notebooks stage against the real server and a real Jupyter
 * (/usr/bin/jupyter-server with ipykernel): start Jupyter from the UI, create
 * a notebook, run cells with the keyboard, save, and reopen.
 */

const JUPYTER_START_MS = 60_000;

async function openNotebooks(app: Page): Promise<Locator> {
  await app.getByRole('navigation', { name: 'Workflow stages' }).getByRole('button', { name: 'Notebooks', exact: true }).click();
  const view = app.getByTestId('view-notebooks');
  await expect(view).toBeVisible();
  return view;
}

async function startJupyter(app: Page, view: Locator): Promise<void> {
  const panel = view.getByTestId('jupyter-panel');
  await panel.getByRole('button', { name: 'Start Jupyter for this workspace' }).click();
  const server = panel.getByTestId('jupyter-server').filter({ hasText: 'started here' });
  await expect(server.getByTestId('jupyter-server-state')).toHaveText('running', { timeout: JUPYTER_START_MS });
  await expect(server).toContainText('in use');
  await expect(app.getByRole('button', { name: 'Start Jupyter for this workspace' })).toHaveCount(0);
}

/** Types code at the end of a cell as a user would: a click on its text opens the editor (Monaco). */
async function typeInCell(app: Page, cell: Locator, code: string): Promise<void> {
  const editor = cell.getByTestId('nb-code-editor').locator('.monaco-editor');
  if (!(await editor.isVisible())) await cell.getByTestId('nb-code').click();
  await expect(editor).toBeVisible();
  await app.keyboard.press('Control+End'); // the click put the cursor where it landed
  await app.keyboard.type(code);
  await expect(editor.locator('.view-lines')).toContainText(code.split('\n').at(-1)!.replace(/ /g, '\u00a0'));
}

test('starts Jupyter, runs cells with Shift+Enter, shows errors, keeps outputs through save and reopen, and drives the kernel', async ({ app, server }, testInfo) => {
  test.setTimeout(180_000);
  const view = await openNotebooks(app);
  await startJupyter(app, view);

  // A new notebook opens with one empty code cell.
  const create = view.getByRole('form', { name: 'New notebook' });
  await create.getByRole('textbox', { name: 'New notebook name' }).fill('hello');
  await create.getByRole('button', { name: 'Create' }).click();
  await expect(view.getByRole('tab', { name: 'hello.ipynb' })).toHaveAttribute('aria-selected', 'true');
  const editor = view.getByTestId('notebook-editor').filter({ visible: true });
  const cells = editor.getByTestId('nb-cell');
  await expect(cells).toHaveCount(1);

  await typeInCell(app, cells.nth(0), 'print("hello"); 6*7');
  await app.keyboard.press('Shift+Enter');
  const first = cells.nth(0).getByTestId('cell-outputs');
  await expect(first).toContainText('hello', { timeout: 60_000 }); // the first run starts the kernel
  await expect(first).toContainText('42');
  await expect(cells.nth(0)).toContainText('[1]');
  await expect(editor.getByTestId('kernel-state')).toHaveText(/Idle/);

  // Shift+Enter on the last cell added a new one, in edit mode: an error shows its traceback.
  await expect(cells).toHaveCount(2);
  await typeInCell(app, cells.nth(1), 'ratio = 1/0');
  await app.keyboard.press('Shift+Enter');
  const second = cells.nth(1).getByTestId('cell-outputs');
  await expect(second).toContainText('ZeroDivisionError', { timeout: 30_000 });
  await expect(second).toContainText('Traceback (most recent call last)');
  await expect(second).toContainText('----> 1 ratio = 1/0');
  await expect(cells.nth(1)).toContainText('[2]');
  await app.screenshot({ path: testInfo.outputPath('notebook-run.png') });

  // Save with Ctrl+S; the file holds the outputs.
  await expect(editor.getByRole('heading', { name: /hello\.ipynb/ })).toContainText('●');
  await app.keyboard.press('Control+S');
  await expect(editor.getByTestId('save-status')).toContainText('Saved at');
  await expect(editor.getByRole('heading', { name: /hello\.ipynb/ })).not.toContainText('●');
  const saved = JSON.parse(readFileSync(join(server!.workspace, 'hello.ipynb'), 'utf8'));
  expect(saved.cells[0].outputs.map((o: { output_type: string }) => o.output_type)).toEqual(['stream', 'execute_result']);
  expect(saved.cells[0].execution_count).toBe(1);
  expect(saved.cells[1].outputs[0]).toMatchObject({ output_type: 'error', ename: 'ZeroDivisionError' });

  // Close the tab (saved: no question) and open the notebook again from the list.
  await view.getByRole('button', { name: 'Close hello.ipynb' }).click();
  await expect(view.getByRole('tab', { name: 'hello.ipynb' })).toHaveCount(0);
  await view.getByRole('list', { name: 'Notebook files' }).getByRole('button', { name: 'hello.ipynb' }).click();
  const reopened = view.getByTestId('notebook-editor').filter({ visible: true }).getByTestId('nb-cell');
  await expect(reopened.nth(0).getByTestId('cell-outputs')).toContainText('hello');
  await expect(reopened.nth(0).getByTestId('cell-outputs')).toContainText('42');
  await expect(reopened.nth(0)).toContainText('[1]');
  await expect(reopened.nth(1).getByTestId('cell-outputs')).toContainText('ZeroDivisionError');

  // The kernel kept running while the tab was closed; Run All stops at the failing cell.
  const again = view.getByTestId('notebook-editor').filter({ visible: true });
  await expect(again.getByTestId('kernel-state')).toHaveText(/Idle/);
  await typeInCell(app, reopened.nth(2), 'print("after the error")');
  await app.keyboard.press('Escape');
  await again.getByRole('button', { name: 'Run all' }).click();
  await expect(reopened.nth(0)).toContainText('[3]', { timeout: 30_000 });
  await expect(reopened.nth(1)).toContainText('[4]', { timeout: 30_000 });
  await expect(again.getByTestId('kernel-state')).toHaveText(/Idle/);
  await expect(reopened.nth(2)).toContainText('[ ]');
  await expect(reopened.nth(2).getByTestId('cell-outputs')).toHaveCount(0);

  // Tab completes from the kernel; Shift+Tab shows its help as plain text.
  await typeInCell(app, reopened.nth(2), '\nimport collections\ncollections.Order');
  await app.keyboard.press('Tab');
  const suggestions = app.locator('.suggest-widget.visible');
  await expect(suggestions).toContainText('OrderedDict', { timeout: 15_000 });
  await app.keyboard.press('Enter');
  await expect(reopened.nth(2).locator('.view-lines')).toContainText('collections.OrderedDict');
  await app.keyboard.press('Control+Enter'); // runs it, so the kernel knows the name
  await expect(reopened.nth(2).getByTestId('cell-outputs')).toContainText('after the error', { timeout: 30_000 });
  await app.keyboard.press('Enter');
  await app.keyboard.press('Shift+Tab');
  const help = reopened.nth(2).getByRole('tooltip');
  await expect(help).toContainText('Init signature', { timeout: 15_000 });
  expect(await help.textContent()).not.toContain('\u001b'); // colours stripped

  // A long cell shows [*] and Busy; Interrupt stops it; Restart forgets the variables.
  await app.keyboard.press('Escape');
  await app.keyboard.press('Escape');
  await app.keyboard.press('b');
  await app.keyboard.press('Enter');
  await typeInCell(app, reopened.nth(3), 'import time; time.sleep(60)');
  await app.keyboard.press('Control+Enter');
  await expect(reopened.nth(3)).toContainText('[*]');
  await expect(again.getByTestId('kernel-state')).toHaveText(/Busy/);
  await again.getByRole('button', { name: 'Interrupt' }).click();
  await expect(reopened.nth(3).getByTestId('cell-outputs')).toContainText('KeyboardInterrupt', { timeout: 30_000 });
  await again.getByRole('button', { name: 'Restart' }).click();
  await expect(again.getByTestId('kernel-state')).toHaveText(/Idle/, { timeout: 30_000 });
  await reopened.nth(2).getByTestId('nb-code').click();
  await app.keyboard.press('Control+Enter');
  await expect(reopened.nth(2).getByTestId('cell-outputs')).toContainText('after the error', { timeout: 30_000 });
  await expect(reopened.nth(2)).toContainText('[1]'); // a fresh kernel counts from 1
});

test('asks which version wins when the file changes on disk: Reload, or Keep mine', async ({ app, server }) => {
  test.setTimeout(60_000);
  const view = await openNotebooks(app);
  const create = view.getByRole('form', { name: 'New notebook' });
  await create.getByRole('textbox', { name: 'New notebook name' }).fill('disk');
  await create.getByRole('button', { name: 'Create' }).click();
  const editor = view.getByTestId('notebook-editor').filter({ visible: true });
  const cell = editor.getByTestId('nb-cell').first();
  await typeInCell(app, cell, 'x = 1');
  await app.keyboard.press('Escape');
  await expect(editor.getByTestId('save-status')).toContainText('autosave in 2 s');
  await expect(editor.getByTestId('save-status')).toContainText('Saved at', { timeout: 10_000 }); // autosave
  // Our own save is not a change on disk: two of the backend's 1 s polls later, no question.
  await app.waitForTimeout(2_500);
  await expect(editor.getByRole('alert').filter({ hasText: 'Changed on disk' })).toHaveCount(0);

  const file = join(server!.workspace, 'disk.ipynb');
  const elsewhere = (source: string): void => {
    const notebook = JSON.parse(readFileSync(file, 'utf8'));
    notebook.cells[0].source = [source];
    writeFileSync(file, JSON.stringify(notebook));
  };
  elsewhere('x = 2  # written elsewhere');
  const banner = editor.getByRole('alert').filter({ hasText: 'Changed on disk' });
  await expect(banner).toBeVisible({ timeout: 15_000 });
  await banner.getByRole('button', { name: 'Reload' }).click();
  await expect(banner).toBeHidden();
  await expect(cell.getByTestId('nb-code')).toHaveText('x = 2  # written elsewhere');

  // Edited here and there: Keep mine writes ours over theirs.
  await typeInCell(app, cell, '\ny = 3');
  await app.keyboard.press('Escape');
  elsewhere('z = 0  # written elsewhere again');
  await expect(banner).toBeVisible({ timeout: 15_000 });
  await expect(editor.getByTestId('save-status')).toContainText('autosave paused');
  await banner.getByRole('button', { name: 'Keep mine (overwrite)' }).click();
  await expect(banner).toBeHidden();
  await expect(editor.getByTestId('save-status')).toContainText('Saved at');
  expect(JSON.parse(readFileSync(file, 'utf8')).cells[0].source.join('')).toBe('x = 2  # written elsewhere\ny = 3');
});

test('"Open in notebook" on a dataset adds a cell that loads it, creating the notebook when none is open', async ({ app, server }) => {
  test.setTimeout(60_000);
  await app.getByRole('navigation', { name: 'Workflow stages' }).getByRole('button', { name: 'Data', exact: true }).click();
  const panel = app.getByTestId('view-data').getByRole('tabpanel', { name: 'Datasets' });
  const add = panel.getByRole('form', { name: 'Add a dataset' });
  await add.getByLabel('Path, folder or glob').fill(join(repoRoot, 'resources/sample-data/telco-customer-churn.csv'));
  await add.getByLabel('Name (optional)').fill('churn');
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  const detail = panel.getByRole('region', { name: 'churn' });
  const openInNotebook = async (): Promise<void> => {
    const data = app.getByRole('navigation', { name: 'Workflow stages' }).getByRole('button', { name: 'Data', exact: true });
    if ((await data.getAttribute('aria-current')) !== 'page') {
      await data.click();
      await panel.getByRole('table', { name: 'Datasets' }).getByRole('button', { name: 'churn' }).click();
    }
    await detail.getByRole('button', { name: 'Open in notebook' }).click();
  };
  await openInNotebook();

  const view = app.getByTestId('view-notebooks');
  await expect(view).toBeVisible();
  await expect(view.getByRole('tab', { name: 'churn.ipynb' })).toHaveAttribute('aria-selected', 'true');
  const cells = view.getByTestId('notebook-editor').filter({ visible: true }).getByTestId('nb-cell');
  await expect(cells).toHaveCount(1); // the new notebook's empty cell took the code
  await expect(cells.first().getByTestId('nb-code')).toContainText('telco-customer-churn.csv');

  // Again, with the notebook open: appended to it.
  await openInNotebook();
  await expect(cells).toHaveCount(2);
  await expect(cells.nth(1).getByTestId('nb-code')).toContainText('telco-customer-churn.csv');
  await app.keyboard.press('Control+S');
  await expect(view.getByTestId('save-status').filter({ visible: true })).toContainText('Saved at');

  // Closed, the notebook exists: it is opened and the cell added there.
  await view.getByRole('button', { name: 'Close churn.ipynb' }).click();
  await openInNotebook();
  await expect(view.getByRole('tab', { name: 'churn.ipynb' })).toHaveAttribute('aria-selected', 'true');
  await expect(cells).toHaveCount(3);
  const saved = JSON.parse(readFileSync(join(server!.workspace, 'notebooks/churn.ipynb'), 'utf8'));
  expect(saved.cells).toHaveLength(2);
});
