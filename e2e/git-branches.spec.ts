import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/*
 * History, branches and tags against the real server: the repository is made
 * with the git CLI (a main branch and a feature branch that forked from it),
 * then the UI draws both in two lanes, creates and switches to a branch, tags
 * it, merges the feature branch and force-deletes an unmerged one; the git CLI
 * checks each result.
 */

const BASE = 1_750_000_000; // seconds since the epoch: commits get fixed, increasing dates

/** The git CLI in `cwd`, with a fixed identity; `at` (seconds) dates the commit. */
function git(cwd: string, args: string[], at = BASE): string {
  const date = `@${at} +0000`;
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd },
  }).trim();
}

function commitFile(cwd: string, file: string, text: string, message: string, at: number): void {
  writeFileSync(join(cwd, file), text);
  git(cwd, ['add', file], at);
  git(cwd, ['commit', '-q', '-m', message], at);
}

/** main: load -> clean; feature (from load): boost. The feature commit is older than main's last one. */
function makeRepository(dir: string): void {
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'user.name', 'Ada Lovelace']);
  git(dir, ['config', 'user.email', 'ada@example.com']);
  commitFile(dir, 'prepare.py', 'import pandas as pd\ndf = pd.read_csv("data/churn.csv")\n', 'Load the churn data', BASE);
  git(dir, ['switch', '-q', '-c', 'feature']);
  commitFile(dir, 'train.py', 'from sklearn.ensemble import GradientBoostingClassifier\n', 'Try gradient boosting', BASE + 100);
  git(dir, ['switch', '-q', 'main']);
  commitFile(dir, 'prepare.py', 'import pandas as pd\ndf = pd.read_csv("data/churn.csv")\ndf = df.dropna()\n', 'Clean TotalCharges', BASE + 200);
}

async function openTab(app: Page, name: string): Promise<Locator> {
  const view = app.getByTestId('view-sourceControl');
  await view.getByRole('tab', { name }).click();
  return view.getByRole('tabpanel', { name: name === 'Branches & tags' ? 'Branches and tags' : name });
}

const commitRow = (history: Locator, subject: string): Locator => history.getByRole('row').filter({ hasText: subject });

test('draws both branches in the history graph, creates, switches to, tags, merges and deletes branches', async ({ app, server }, testInfo) => {
  test.setTimeout(90_000);
  const workspace = server!.workspace;
  makeRepository(workspace);

  await app.getByRole('navigation', { name: 'Workflow stages' }).getByRole('button', { name: 'Source Control', exact: true }).click();
  const historyPanel = await openTab(app, 'History');
  const history = historyPanel.getByTestId('git-history');

  // Newest first: main's tip, the feature tip beside it in a second lane, and the fork point where the lanes join.
  await expect(history.getByRole('row')).toHaveCount(4); // the header and three commits
  const clean = commitRow(history, 'Clean TotalCharges');
  const boost = commitRow(history, 'Try gradient boosting');
  const load = commitRow(history, 'Load the churn data');
  await expect(history).toHaveAttribute('data-graph-lanes', '2');
  await expect(clean.getByTestId('git-graph-dot')).toHaveAttribute('data-lane', '0');
  await expect(boost.getByTestId('git-graph-dot')).toHaveAttribute('data-lane', '1');
  await expect(load.getByTestId('git-graph-dot')).toHaveAttribute('data-lane', '0');
  await expect(load.locator('svg path')).toHaveCount(2); // main's line and the feature's line joining it
  await expect(clean.locator('[data-ref-kind="current"]')).toHaveText('main');
  await expect(boost.locator('[data-ref-kind="branch"]')).toHaveText('feature');
  await expect(boost).toContainText('Ada Lovelace');
  await expect(boost).toContainText(git(workspace, ['rev-parse', '--short=7', 'feature']));

  // A commit's details, then one file's diff.
  await clean.click();
  const details = historyPanel.getByTestId('git-commit-details');
  await expect(details).toContainText('Clean TotalCharges');
  await expect(details).toContainText('Ada Lovelace <ada@example.com>');
  await expect(details.getByRole('list', { name: 'Files changed' })).toContainText('prepare.py');
  await expect(details.getByTestId('git-diff')).toContainText('prepare.py'); // one file changed: shown at once
  await details.getByRole('button', { name: git(workspace, ['rev-parse', '--short=7', 'main~1']) }).click();
  await expect(historyPanel.getByTestId('git-commit-details')).toContainText('Load the churn data');
  await expect(load).toHaveAttribute('aria-selected', 'true');
  await app.screenshot({ path: testInfo.outputPath('history-light.png'), fullPage: true });

  // Branches & tags: a new branch from HEAD, switched to at once.
  const branches = await openTab(app, 'Branches & tags');
  const create = branches.getByRole('form', { name: 'Create a branch' });
  await create.getByLabel('New branch').fill('experiment');
  await expect(create.getByRole('checkbox', { name: 'Switch to it' })).toBeChecked();
  await create.getByRole('button', { name: 'Create branch' }).click();
  const table = branches.getByRole('table', { name: 'Branches' });
  await expect(table.locator('tr[data-branch="experiment"]')).toHaveAttribute('aria-current', 'true');
  await expect(table.locator('tr[data-branch="main"]')).not.toHaveAttribute('aria-current', 'true');
  expect(git(workspace, ['symbolic-ref', '--short', 'HEAD'])).toBe('experiment');

  // Switch back and forth through the table.
  await table.getByRole('button', { name: 'Switch to main' }).click();
  await expect(table.locator('tr[data-branch="main"]')).toHaveAttribute('aria-current', 'true');
  await table.getByRole('button', { name: 'Switch to experiment' }).click();
  await expect(table.locator('tr[data-branch="experiment"]')).toHaveAttribute('aria-current', 'true');
  expect(git(workspace, ['symbolic-ref', '--short', 'HEAD'])).toBe('experiment');

  // A lightweight tag on HEAD.
  const tagForm = branches.getByRole('form', { name: 'Create a tag' });
  await tagForm.getByLabel('New tag').fill('v1');
  await tagForm.getByRole('button', { name: 'Create tag' }).click();
  await expect(branches.getByRole('table', { name: 'Tags' }).getByRole('row', { name: /v1/ })).toContainText('lightweight');
  expect(git(workspace, ['rev-parse', 'v1'])).toBe(git(workspace, ['rev-parse', 'main']));

  // Back in History: the tag's badge and the new current branch on main's tip.
  await openTab(app, 'History');
  await expect(clean.locator('[data-ref-kind="tag"]')).toHaveText('v1');
  await expect(clean.locator('[data-ref-kind="current"]')).toHaveText('experiment');
  await expect(clean.locator('[data-ref-kind="branch"]')).toHaveText('main');

  // Merge the feature branch into experiment: a three-way merge, drawn as a merge commit joining both lanes.
  await openTab(app, 'Branches & tags');
  await table.getByRole('button', { name: 'Merge feature into experiment' }).click();
  await expect(branches.getByTestId('git-merge-outcome')).toContainText('Merged feature into experiment');
  expect(git(workspace, ['rev-list', '--parents', '-n', '1', 'experiment']).split(' ')).toHaveLength(3);
  await app.screenshot({ path: testInfo.outputPath('branches-light.png'), fullPage: true });
  await openTab(app, 'History');
  await expect(history.getByRole('row')).toHaveCount(5);
  const merge = history.getByRole('row').nth(1);
  await expect(merge.locator('[data-ref-kind="current"]')).toHaveText('experiment');
  await expect(merge.locator('circle.git-graph-merge')).toHaveCount(1);
  await expect(history).toHaveAttribute('data-graph-lanes', '2');

  await app.evaluate(() => {
    document.documentElement.dataset.theme = 'dark';
  });
  await app.screenshot({ path: testInfo.outputPath('history-dark.png'), fullPage: true });

  // Deleting a branch that is not merged asks twice. The branch is made without touching the working tree.
  const spike = git(workspace, ['commit-tree', 'main^{tree}', '-p', 'main', '-m', 'Spike: try XGBoost'], BASE + 300);
  git(workspace, ['branch', 'spike', spike]);
  await openTab(app, 'Branches & tags');
  await table.getByRole('button', { name: 'Delete spike' }).click();
  const dialog = app.getByRole('dialog');
  await expect(dialog).toContainText('Delete the branch spike?');
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(dialog).toContainText('spike is not merged');
  await dialog.getByRole('button', { name: 'Delete anyway' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(table.locator('tr[data-branch="spike"]')).toHaveCount(0);
  expect(git(workspace, ['branch', '--list', 'spike'])).toBe('');
});
