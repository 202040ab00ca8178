import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { seedBareRepo, startGitHttpServer } from '../test/git-http-server';
import { expect, test } from './fixtures';

/*
 * Source control against the real server and a real repository made by the
 * workbench in the test's fresh workspace: initialise it from the UI, commit a
 * new file, then an edit seen in the diff editor, and find both in the history.
 */

async function openSourceControl(app: Page): Promise<Locator> {
  await app.getByRole('navigation', { name: 'Workflow stages' }).getByRole('button', { name: 'Source Control', exact: true }).click();
  const view = app.getByTestId('view-sourceControl');
  await expect(view).toBeVisible();
  return view;
}

/** Files change outside the app; the panel reads the status again when the window gets the focus back. */
async function focusWindow(app: Page): Promise<void> {
  await app.evaluate(() => window.dispatchEvent(new Event('focus')));
}

/** Sets the workbench's commit author if the repository and ~/.gitconfig give none. */
async function ensureAuthor(changes: Locator): Promise<void> {
  const known = changes.getByTestId('git-author').filter({ hasText: 'Committing as' });
  const form = changes.getByTestId('git-author-form');
  await expect(known.or(form)).toBeVisible();
  if (await form.isVisible()) {
    await form.getByRole('textbox', { name: 'Name' }).fill('Ada Analyst');
    await form.getByRole('textbox', { name: 'Email' }).fill('ada@example.com');
    await form.getByRole('button', { name: 'Save author' }).click();
    await expect(known).toContainText('Ada Analyst <ada@example.com>');
  }
}

/** Initialises the workspace from the start screen and commits `files` with the git CLI, which also builds the fixtures below. */
async function repositoryWith(app: Page, workspace: string, files: Record<string, string>): Promise<{ view: Locator; changes: Locator; git: (...args: string[]) => string }> {
  const view = await openSourceControl(app);
  await view.getByRole('button', { name: 'Initialise repository' }).click();
  const changes = view.getByTestId('git-changes');
  await expect(changes).toBeVisible();
  const git = (...args: string[]): string => execFileSync('git', ['-c', 'user.name=Fixture', '-c', 'user.email=fixture@example.com', ...args], { cwd: workspace, encoding: 'utf8' });
  for (const [path, text] of Object.entries(files)) writeFileSync(join(workspace, path), text);
  git('add', '-A');
  git('commit', '-q', '-m', 'fixture');
  await focusWindow(app);
  await expect(changes.getByTestId('git-branch')).not.toContainText('no commits yet');
  return { view, changes, git };
}

function fileIn(group: Locator, path: string): Locator {
  return group.getByTestId('git-file').and(group.locator(`[data-path="${path}"]`));
}

test('initialises a repository, commits a new file and then an edit seen in the diff editor, and finds the commits in the history', async ({ app, server }) => {
  test.setTimeout(90_000);
  const workspace = server!.workspace;
  const view = await openSourceControl(app);

  // Not a repository yet: the start screen offers to make it one.
  await view.getByTestId('git-start').getByRole('button', { name: 'Initialise repository' }).click();
  const changes = view.getByTestId('git-changes');
  await expect(changes).toBeVisible();
  await expect(changes.getByTestId('git-branch')).toContainText('no commits yet');
  const gitignore = readFileSync(join(workspace, '.gitignore'), 'utf8');
  expect(gitignore).toContain('.workbench/');
  expect(existsSync(join(workspace, '.git', 'HEAD'))).toBe(true);
  await ensureAuthor(changes);

  const staged = changes.getByTestId('git-group-staged');
  const unstaged = changes.getByTestId('git-group-unstaged');
  const untracked = changes.getByTestId('git-group-untracked');

  // A new file written outside the app shows as untracked once the window has the focus again.
  writeFileSync(join(workspace, 'analysis.py'), 'import pandas as pd\n\nTHRESHOLD = 0.5\n\ndef churned(p):\n    return p > THRESHOLD\n');
  await focusWindow(app);
  await expect(fileIn(untracked, 'analysis.py')).toContainText('U');
  await expect(fileIn(untracked, '.gitignore')).toBeVisible();

  // Stage one file by its own button, the rest by the list's.
  await untracked.getByRole('button', { name: 'Stage analysis.py' }).click();
  await expect(fileIn(staged, 'analysis.py')).toContainText('A');
  await untracked.getByRole('button', { name: 'Stage all untracked files' }).click();
  await expect(fileIn(staged, '.gitignore')).toBeVisible();
  await expect(untracked.getByTestId('git-file')).toHaveCount(0);

  // Commit from the keyboard.
  const message = changes.getByRole('textbox', { name: 'Commit message' });
  await message.fill('Add the churn analysis script');
  await message.press('Control+Enter');
  await expect(staged.getByTestId('git-file')).toHaveCount(0);
  await expect(changes.getByTestId('git-branch')).not.toContainText('no commits yet');
  await expect(message).toHaveValue('');

  // An edit: listed under Changes with M, and its diff shows the changed line on the new side.
  writeFileSync(join(workspace, 'analysis.py'), 'import pandas as pd\n\nTHRESHOLD = 0.7\n\ndef churned(p):\n    return p > THRESHOLD\n');
  await focusWindow(app);
  await expect(fileIn(unstaged, 'analysis.py')).toContainText('M');
  await unstaged.getByRole('button', { name: 'analysis.py, modified: show the diff' }).click();
  const diff = changes.getByTestId('git-diff');
  await expect(diff).toContainText('analysis.py');
  const editor = diff.getByTestId('git-diff-editor').locator('.monaco-diff-editor');
  await expect(editor).toBeVisible();
  await expect(editor.locator('.editor.modified .view-lines')).toContainText('THRESHOLD = 0.7'.replace(/ /g, '\u00a0'));
  await expect(editor.locator('.editor.original .view-lines')).toContainText('THRESHOLD = 0.5'.replace(/ /g, '\u00a0'));

  // Stage it (the diff follows it to the staged list) and commit with the button.
  await unstaged.getByRole('button', { name: 'Stage analysis.py' }).click();
  await expect(fileIn(staged, 'analysis.py')).toHaveAttribute('aria-current', 'true');
  await expect(unstaged.getByTestId('git-file')).toHaveCount(0);
  await message.fill('Raise the churn threshold');
  await changes.getByTestId('git-commit-button').click();
  await expect(staged.getByTestId('git-file')).toHaveCount(0);

  // Both commits are in the history, newest first.
  await view.getByRole('tab', { name: 'History' }).click();
  const history = view.getByTestId('git-history');
  await expect(history).toContainText('Raise the churn threshold');
  await expect(history).toContainText('Add the churn analysis script');
});

test('discards only after a confirmation that names the files, and keeps a copy', async ({ app, server }) => {
  const workspace = server!.workspace;
  const { changes } = await repositoryWith(app, workspace, { 'model.py': 'DEPTH = 3\n' });
  writeFileSync(join(workspace, 'model.py'), 'DEPTH = 8\n');
  writeFileSync(join(workspace, 'scratch.py'), 'print("try")\n');
  await focusWindow(app);
  const unstaged = changes.getByTestId('git-group-unstaged');
  const untracked = changes.getByTestId('git-group-untracked');
  await expect(fileIn(untracked, 'scratch.py')).toBeVisible();

  // Cancel leaves the file alone.
  await untracked.getByRole('button', { name: 'Discard scratch.py' }).click();
  const dialog = app.getByRole('dialog', { name: 'Discard the changes to scratch.py?' });
  await expect(dialog).toContainText('This untracked file is deleted');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(existsSync(join(workspace, 'scratch.py'))).toBe(true);

  // Confirmed: the edit is undone, and the notice says where the copy went.
  await unstaged.getByRole('button', { name: 'Discard model.py' }).click();
  await app.getByRole('dialog', { name: 'Discard the changes to model.py?' }).getByRole('button', { name: 'Discard' }).click();
  await expect(unstaged.getByTestId('git-file')).toHaveCount(0);
  expect(readFileSync(join(workspace, 'model.py'), 'utf8')).toBe('DEPTH = 3\n');
  await expect(app.getByText(/Discarded the changes to model\.py\. A copy was kept in/)).toBeVisible();
  expect(readdirSync(join(workspace, '.workbench', 'backups'), { recursive: true }).some((name) => String(name).endsWith('model.py'))).toBe(true);
});

test('a merge with conflicts shows a banner with the conflicted file and its markers, and can be aborted', async ({ app, server }) => {
  const workspace = server!.workspace;
  const { changes, git } = await repositoryWith(app, workspace, { 'train.py': 'EPOCHS = 10\n' });
  git('checkout', '-q', '-b', 'longer-training');
  writeFileSync(join(workspace, 'train.py'), 'EPOCHS = 50\n');
  git('commit', '-q', '-am', 'Train longer');
  git('checkout', '-q', 'main');
  writeFileSync(join(workspace, 'train.py'), 'EPOCHS = 5\n');
  git('commit', '-q', '-am', 'Train shorter');
  expect(() => git('merge', 'longer-training')).toThrow(); // the CLI leaves the conflict, as a merge in the app would
  await focusWindow(app);

  const banner = changes.getByTestId('git-merge-banner');
  await expect(banner).toContainText('Merging longer-training');
  await expect(changes.getByTestId('git-commit-button')).toBeDisabled();
  await banner.getByRole('button', { name: 'train.py, conflicted: show the diff' }).click();
  const modified = changes.getByTestId('git-diff-editor').locator('.editor.modified .view-lines');
  await expect(modified).toContainText('<<<<<<<');
  await expect(modified).toContainText('EPOCHS\u00a0=\u00a050');

  await banner.getByRole('button', { name: 'Abort merge' }).click();
  await app.getByRole('dialog', { name: 'Abort merging longer-training?' }).getByRole('button', { name: 'Abort merge' }).click();
  await expect(banner).toBeHidden();
  expect(readFileSync(join(workspace, 'train.py'), 'utf8')).toBe('EPOCHS = 5\n');
});

test('a damaged index gets a banner whose Repair rebuilds it without touching the files', async ({ app, server }) => {
  const workspace = server!.workspace;
  const { changes } = await repositoryWith(app, workspace, { 'features.py': 'COLUMNS = ["tenure"]\n' });
  writeFileSync(join(workspace, 'features.py'), 'COLUMNS = ["tenure", "MonthlyCharges"]\n');
  writeFileSync(join(workspace, '.git', 'index'), 'not an index at all');
  await focusWindow(app);

  const banner = changes.getByTestId('git-index-banner');
  await expect(banner).toContainText('The index is damaged');
  await banner.getByRole('button', { name: 'Repair index' }).click();
  await expect(banner).toBeHidden();
  await expect(fileIn(changes.getByTestId('git-group-unstaged'), 'features.py')).toContainText('M');
  expect(readFileSync(join(workspace, 'features.py'), 'utf8')).toContain('MonthlyCharges');
});

test('clones a private repository over HTTP with a user name and password into a new workspace, and opens it', async ({ app, server }) => {
  const served = mkdtempSync(join(tmpdir(), 'workbench-e2e-remote-'));
  seedBareRepo(served, 'churn-model.git', { 'README.md': '# churn model\n', 'src/train.py': 'EPOCHS = 10\n' }, 'Seed the churn model');
  const remote = await startGitHttpServer({ root: served, auth: { username: 'ada', password: 's3cret' } });
  try {
    const view = await openSourceControl(app);
    const form = view.getByRole('form', { name: 'Clone a repository into a new workspace' });
    await form.getByRole('textbox', { name: 'Repository URL' }).fill(remote.url('churn-model.git'));
    // The destination is suggested beside the open workspace, named after the repository.
    const destination = join(server!.workspace, '..', 'churn-model');
    await expect(form.getByRole('textbox', { name: 'Destination folder' })).toHaveValue(destination);
    await form.getByRole('combobox', { name: 'Sign in with' }).selectOption('basic');
    await form.getByRole('textbox', { name: 'User name' }).fill('ada');
    await form.getByRole('textbox', { name: 'Password' }).fill('s3cret');
    await form.getByRole('button', { name: 'Clone and open' }).click();

    // The new workspace opens on the cloned branch, with a clean tree.
    await expect(app.getByTestId('git-branch')).toContainText('On branch main', { timeout: 30_000 });
    await expect(app.getByTestId('git-start')).toHaveCount(0);
    expect(readFileSync(join(destination, 'src', 'train.py'), 'utf8')).toBe('EPOCHS = 10\n');
    await view.getByRole('tab', { name: 'History' }).click();
    await expect(view.getByTestId('git-history')).toContainText('Seed the churn model');
  } finally {
    await remote.close();
    rmSync(served, { recursive: true, force: true });
  }
});
