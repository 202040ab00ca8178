import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, repoRoot } from './fixtures';

export const churnCsv = join(repoRoot, 'resources/sample-data/telco-customer-churn.csv');

/** Calls a procedure from the page, as the UI does in server mode (the cookie carries the token), as a script would. */
export function callApi<T>(app: Page, procedure: string, body: unknown): Promise<T> {
  return app.evaluate(
    async ([name, input]) => {
      const response = await fetch(`/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
      return (await response.json()) as unknown;
    },
    [procedure, body] as const,
  ) as Promise<T>;
}

/** Adds a file as a dataset through the API and waits for the job; without a name it is named after the file. */
export async function addDataset(app: Page, path: string, name?: string): Promise<void> {
  let job = await callApi<{ id: string; state: string; error?: { message: string } }>(app, 'data.add', name === undefined ? { path } : { path, name });
  while (job.state === 'running') {
    await new Promise((resolve) => setTimeout(resolve, 100));
    job = await callApi(app, 'jobs.get', { id: job.id });
  }
  expect(job.error ? `${job.state}: ${job.error.message}` : job.state).toBe('succeeded');
}
