import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestBackend, type TestBackend } from '../../test/backend';
import { resourcesDir } from '../../test/helpers';
import { quoteLiteral } from '../data';
import { REPORT_CSP } from './html';

const CHURN = join(resourcesDir, 'sample-data', 'telco-customer-churn.csv');

describe('the exported HTML report', () => {
  let t: TestBackend;
  let path = '';

  beforeAll(async () => {
    t = await openTestBackend();
    const engine = await t.backend.data.engine();
    const shifted = join(t.workspace, 'shifted.csv');
    // With a made-up regression on the side (MonthlyCharges predicted, by day), for the error plots.
    const extra = `round(MonthlyCharges * 1.05 - 2, 2) AS predicted_charges, DATE '2024-01-01' + CAST(row_number() OVER () % 20 AS INTEGER) AS day`;
    await engine.execute(`COPY (SELECT * REPLACE (tenure + 20 AS tenure), ${extra} FROM read_csv(${quoteLiteral(CHURN)})) TO ${quoteLiteral(shifted)} (HEADER)`);
    const job = { signal: new AbortController().signal, progress: () => undefined };
    const report = await t.backend.monitoring.run({ name: 'html', reference: { kind: 'file', path: CHURN }, current: { kind: 'file', path: shifted }, columns: ['tenure', 'Contract', 'MonthlyCharges'], quality: { task: 'regression', label: 'MonthlyCharges', prediction: 'predicted_charges', timeColumn: 'day' } }, job);
    expect(report.quality?.errors?.current.reduce((a, b) => a + b, 0)).toBe(report.sources.currentRows);
    path = join(t.workspace, 'report.html');
    const written = await t.backend.monitoring.exportHtml(report.id, path);
    expect(written.bytes).toBe(readFileSync(path).length);
  }, 60_000);
  afterAll(async () => t.close());

  it('is one file with plotly inlined and a CSP that allows nothing from outside', () => {
    const html = readFileSync(path, 'utf8');
    const plotly = readFileSync(createRequire(import.meta.url).resolve('plotly.js-dist-min/plotly.min.js'), 'utf8');
    expect(html).toContain(`content="${REPORT_CSP}"`);
    expect(html.includes(plotly)).toBe(true);
    // The page around the library loads nothing by itself (the check would be meaningless on Plotly's own source text).
    const page = html.replace(plotly, '');
    expect(/<script[^>]+src=|<link[^>]+href=|https?:\/\//i.test(page)).toBe(false);
  });

  it('opens in Chromium with no network and draws the drift table and charts', async () => {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      await page.route('**/*', async (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        requests.push(url);
        return route.abort();
      });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(`file://${path}`);
      await page.waitForSelector('body[data-rendered="true"]', { timeout: 20_000 });
      const rows = await page.$$eval('#drift-table tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => (td as { textContent: string | null }).textContent ?? '')));
      expect(rows.map((r) => [r[0], r[3]])).toEqual([
        ['tenure', 'yes'],
        ['Contract', 'no'],
        ['MonthlyCharges', 'no'],
      ]);
      expect(await page.textContent('#verdict')).toMatch(/Dataset drift is not detected: 1 of 3 columns drifted/);
      // Plotly drew each histogram as an SVG plot.
      expect(await page.$$eval('#drift-table td.hist .main-svg', (svgs) => svgs.length)).toBeGreaterThanOrEqual(3);
      // The regression's error distribution and predicted-against-actual grid.
      expect(await page.$$eval('#errors-distribution .main-svg, #errors-predicted-vs-actual .main-svg', (svgs) => svgs.length)).toBeGreaterThanOrEqual(2);
      expect(await page.$$eval('#errors-predicted-vs-actual .hm', (heatmaps) => heatmaps.length)).toBe(1);
      expect(requests).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
