/**
 * Opening a large notebook in the UI, in Chromium: from the click on its name
 * to its last cell's output on screen, against fetching the same notebook
 * through the API (`notebooks.open`) from the same page.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Server } from '../workbench-server';

export interface RenderTimes {
  uiMs: number[];
  apiMs: number[];
  bytes: number;
}

/** A 1x1 PNG, so that image outputs are real images. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** N code cells, each with stdout and a result; every 10th with an HTML table, every 50th with an image. */
export function bigNotebook(cells: number): string {
  const list = Array.from({ length: cells }, (_, i) => {
    const outputs: object[] = [{ output_type: 'stream', name: 'stdout', text: [`step ${i}\n`, `value ${i * 3}\n`] }];
    const data: Record<string, unknown> = { 'text/plain': [`${i * 2}`] };
    if (i % 10 === 0) data['text/html'] = [`<table><tr><th>i</th><th>v</th></tr><tr><td>${i}</td><td>${i * 2}</td></tr></table>`];
    outputs.push({ output_type: 'execute_result', execution_count: i + 1, metadata: {}, data });
    if (i % 50 === 0) outputs.push({ output_type: 'display_data', metadata: {}, data: { 'image/png': PNG, 'text/plain': ['<Figure>'] } });
    return {
      cell_type: 'code',
      execution_count: i + 1,
      id: `cell-${i}`,
      metadata: {},
      outputs,
      source: [`# cell ${i}\n`, `x_${i} = ${i} * 2\n`, `print(f"step {${i}}")\n`, `x_${i}`],
    };
  });
  const notebook = {
    cells: list,
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }, language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

export async function measureRender(server: Server, cells: number, runs: number): Promise<RenderTimes> {
  const text = bigNotebook(cells);
  const name = `bench-${cells}.ipynb`;
  writeFileSync(join(server.workspace, name), text);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const uiMs: number[] = [];
  const apiMs: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(`${server.url}/?token=${server.token}#/notebooks`);
      const entry = page.getByTestId('view-notebooks').getByText(name, { exact: true });
      await entry.waitFor({ timeout: 30_000 });
      const lastOutput = page.getByTestId('nb-cell').nth(cells - 1).getByText(`step ${cells - 1}`);
      const began = Date.now();
      await entry.click();
      await lastOutput.waitFor({ state: 'attached', timeout: 60_000 });
      uiMs.push(Date.now() - began);
      apiMs.push(
        await page.evaluate(
          async ({ token, path }) => {
            const began = performance.now();
            const response = await fetch('/api/notebooks.open', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ path }) });
            await response.json();
            return performance.now() - began;
          },
          { token: server.token, path: name },
        ),
      );
      await page.close();
    }
  } finally {
    await browser.close();
  }
  return { uiMs, apiMs, bytes: Buffer.byteLength(text) };
}
