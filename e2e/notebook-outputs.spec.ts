import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import react from '@vitejs/plugin-react';
import { expect, test, type Page } from '@playwright/test';
import { build, type Plugin } from 'vite';
import { repoRoot, startWorkbench } from './fixtures';

/*
 * The notebook output renderer (renderer/src/views/notebooks/outputs) in real
 * Chromium, under the app's CSP, without the rest of the app: a small page
 * built with Vite from the renderer's own modules, served by Playwright's
 * router (nothing else is reachable). Hostile outputs must come out inert:
 * no script, handler, frame, form, remote load or navigation.
 */

const origin = 'http://outputs.harness';
const harnessEntry = `
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import '${repoRoot}/renderer/src/styles.css';
import { applyKernelMessage, CellOutputs, Markdown, sanitizeHtml, sanitizeSvgToDataUri } from '${repoRoot}/renderer/src/views/notebooks/outputs/index.ts';

const root = createRoot(document.getElementById('root'));
const violations = [];
document.addEventListener('securitypolicyviolation', (event) => violations.push(event.blockedURI + ' ' + event.violatedDirective));
let outputs = [];
const pending = { clearOnNext: false };
const show = (element) => flushSync(() => root.render(element));
window.harness = {
  violations,
  render(next) { outputs = next; show(createElement(CellOutputs, { outputs })); },
  apply(messages) {
    for (const message of messages) outputs = applyKernelMessage(outputs, message, pending).outputs;
    show(createElement(CellOutputs, { outputs }));
  },
  markdown(source, attachments) { show(createElement(Markdown, { source, attachments })); },
  sanitizeHtml,
  svgDataUri: sanitizeSvgToDataUri,
};
`;

declare global {
  interface Window {
    harness: {
      violations: string[];
      render(outputs: unknown[]): void;
      apply(messages: unknown[]): void;
      markdown(source: string, attachments?: unknown): void;
      sanitizeHtml(html: string): string;
      svgDataUri(svg: string): string | null;
    };
    pwned?: unknown;
  }
}

let harnessDir = '';
let contentSecurityPolicy = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // The CSP the app's page gets from the real server.
  const server = await startWorkbench();
  const response = await fetch(`${server.url}/?token=${server.token}`, { redirect: 'manual' });
  contentSecurityPolicy = response.headers.get('content-security-policy') ?? '';
  await server.stop();
  expect(contentSecurityPolicy).toContain("script-src 'self'");
  harnessDir = mkdtempSync(join(tmpdir(), 'workbench-outputs-harness-'));
  const virtualEntry: Plugin = {
    name: 'outputs-harness-entry',
    resolveId: (id) => (id.endsWith('virtual:outputs-harness') ? '\0outputs-harness.js' : null),
    load: (id) => (id === '\0outputs-harness.js' ? harnessEntry : null),
  };
  await build({
    configFile: false,
    root: repoRoot,
    logLevel: 'error',
    plugins: [react(), virtualEntry],
    define: { 'process.env.NODE_ENV': '"production"', __WORKBENCH_VERSION__: '"test"' },
    build: {
      outDir: harnessDir,
      emptyOutDir: true,
      minify: false,
      lib: { entry: 'virtual:outputs-harness', formats: ['es'], fileName: 'harness', cssFileName: 'harness' },
    },
  });
});

test.afterAll(() => {
  if (harnessDir) rmSync(harnessDir, { recursive: true, force: true });
});

const types: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html' };

interface Harness {
  requests: string[];
}

async function openHarness(page: Page): Promise<Harness> {
  const requests: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith('data:')) requests.push(request.url());
  });
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== origin) return route.abort();
    const file = url.pathname === '/' ? null : join(harnessDir, url.pathname.slice(1));
    const body = file
      ? readFileSync(file)
      : '<!doctype html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/harness.css"><script type="module" src="/harness.js"></script></head><body><div id="root"></div></body></html>';
    return route.fulfill({ body, contentType: file ? types[extname(file)] : 'text/html', headers: { 'content-security-policy': contentSecurityPolicy } });
  });
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => 'harness' in window);
  return { requests };
}

/** Every element in the outputs, shadow roots included, as tag and attributes. */
async function renderedElements(page: Page): Promise<{ tag: string; attributes: Record<string, string> }[]> {
  return page.evaluate(() => {
    const found: { tag: string; attributes: Record<string, string> }[] = [];
    const visit = (root: ParentNode) => {
      for (const element of Array.from(root.querySelectorAll('*'))) {
        found.push({ tag: element.localName, attributes: Object.fromEntries(Array.from(element.attributes).map((a) => [a.name, a.value])) });
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document.getElementById('root')!);
    return found;
  });
}

function expectInert(elements: { tag: string; attributes: Record<string, string> }[]): void {
  const forbidden = ['script', 'iframe', 'frame', 'object', 'embed', 'form', 'input', 'button', 'textarea', 'base', 'meta', 'link', 'animate', 'set'];
  expect(elements.filter((e) => forbidden.includes(e.tag)).map((e) => e.tag)).toEqual([]);
  for (const { tag, attributes } of elements) {
    for (const [name, value] of Object.entries(attributes)) {
      expect(name.startsWith('on'), `${tag}[${name}]`).toBe(false);
      expect(/javascript:|vbscript:/i.test(value), `${tag}[${name}=${value}]`).toBe(false);
      if (name === 'href' || name === 'xlink:href') expect(value, `${tag}[${name}]`).toMatch(/^#/);
      if (name === 'src' || name === 'poster' || name === 'background') expect(value, `${tag}[${name}]`).toMatch(/^data:(image|audio|video)\//);
      if (name === 'style') expect(value, `${tag}[style]`).not.toMatch(/url\(|@import/i);
    }
  }
}

/** Hostile inputs; the integrator's notebook e2e may reuse them. */
const hostileHtml = [
  '<img src=x onerror="window.pwned=1">',
  '<script>window.pwned=1</script><b>after script</b>',
  '<a href="https://evil.example/phish">remote link</a>',
  '<a href="javascript:window.pwned=1">js link</a>',
  '<a href="/api/jobs.list">relative link</a>',
  '<svg><script>window.pwned=1</script><a xlink:href="javascript:alert(1)"><text>svg link</text></a></svg>',
  '<svg><animate attributeName="href" to="javascript:alert(1)"/><set attributeName="onmouseover" to="alert(1)"/></svg>',
  '<iframe src="https://evil.example"></iframe><iframe srcdoc="<script>parent.pwned=1</script>"></iframe>',
  '<form action="https://evil.example"><input name="q" autofocus onfocus="window.pwned=1"><button formaction="https://evil.example">go</button></form>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">',
  '<style>@import url("https://evil.example/x.css"); body { display: none }</style>',
  '<div style="background-image: url(https://evil.example/bg.png)">styled</div>',
  '<img src="https://evil.example/tracker.png" alt="remote image">',
  '<img src="/api/workspace.current">',
  '<img srcset="https://evil.example/a.png 2x" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
  '<video poster="https://evil.example/p.png"><source src="https://evil.example/v.mp4"></video>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<details open ontoggle="window.pwned=1"><summary>s</summary></details>',
  '<a href="#section" target="_blank" ping="https://evil.example">fragment link</a>',
];

test.describe('notebook outputs', () => {
  test('hostile HTML outputs and markdown come out inert, with nothing loaded', async ({ page }) => {
    const harness = await openHarness(page);
    const outputs = hostileHtml.map((html) => ({ output_type: 'display_data', data: { 'text/html': html, 'text/plain': 'fallback' }, metadata: {} }));
    await page.evaluate((list) => window.harness.render(list), outputs);
    await expect(page.getByTestId('nb-html')).toHaveCount(hostileHtml.length);
    expectInert(await renderedElements(page));
    await page.evaluate((source) => window.harness.markdown(source), hostileHtml.join('\n\n'));
    expectInert(await renderedElements(page));
    // Each sanitised string is inert too; a disarmed web link keeps its address only as a tooltip.
    for (const html of hostileHtml) {
      const clean: string = await page.evaluate((input) => window.harness.sanitizeHtml(input), html);
      expect(clean.replace(/\stitle="https:\/\/evil\.example\/phish"/, '')).not.toMatch(/<(script|iframe|form|input|meta|base|link|object|embed)\b|\son\w+=|javascript:|https:\/\/evil|\/api\//i);
    }
    expect(await page.evaluate(() => window.pwned)).toBeUndefined();
    // Chromium checks the CSP while DOMPurify parses (before sanitising): inline handlers and <base> are
    // reported there, and blocked. Nothing else may be: no image, style, frame or font load attempted.
    const violations = await page.evaluate(() => window.harness.violations);
    expect(violations.filter((v) => !/ (script-src-attr|base-uri)$/.test(v))).toEqual([]);
    expect(harness.requests.filter((url) => !url.startsWith(origin))).toEqual([]);
  });

  test('links navigate nowhere: a remote link shows its address, a fragment link scrolls', async ({ page }) => {
    await openHarness(page);
    const filler = '<p>filler</p>'.repeat(80);
    const html = `<a href="https://evil.example/x">remote</a><a href="#far">to far</a>${filler}<h2 id="far">Far</h2>`;
    await page.setViewportSize({ width: 800, height: 400 });
    await page.evaluate((h) => window.harness.render([{ output_type: 'display_data', data: { 'text/html': h }, metadata: {} }]), html);
    const remote = page.getByText('remote');
    await expect(remote).toHaveAttribute('title', 'https://evil.example/x');
    await remote.click();
    await page.getByText('to far').click();
    await expect(page.getByRole('heading', { name: 'Far' })).toBeInViewport();
    expect(page.url()).toBe(`${origin}/`);
  });

  test('output styles stay inside their output, and nothing escapes its box', async ({ page }) => {
    await openHarness(page);
    const styled = '<style>p { color: rgb(255, 0, 0) } .nb-outputs, body, #root { display: none !important }</style><p>red</p>';
    const overlay = '<div id="overlay" style="position: fixed; inset: 0; z-index: 9999; background: red">overlay</div>';
    await page.evaluate(
      (list) => window.harness.render(list),
      [styled, overlay].map((html) => ({ output_type: 'display_data', data: { 'text/html': html }, metadata: {} })),
    );
    await expect(page.getByText('red', { exact: true })).toHaveCSS('color', 'rgb(255, 0, 0)');
    await expect(page.getByTestId('cell-outputs')).toBeVisible();
    const frame = await page.locator('.nb-html-frame').nth(1).boundingBox();
    const box = await page.locator('#overlay').boundingBox();
    expect(box!.y).toBeGreaterThanOrEqual(frame!.y);
    expect(box!.height).toBeLessThanOrEqual(frame!.height + 1);
  });

  test('a pandas DataFrame renders as a tidy table', async ({ page }) => {
    await openHarness(page);
    const dataframe = `<div><style scoped>.dataframe tbody tr th:only-of-type { vertical-align: middle; } .dataframe thead th { text-align: right; }</style>
<table border="1" class="dataframe"><thead><tr style="text-align: right;"><th></th><th>tenure</th><th>Churn</th></tr></thead>
<tbody><tr><th>0</th><td>1</td><td>No</td></tr><tr><th>1</th><td>34</td><td>Yes</td></tr><tr><th>2</th><td>2</td><td>Yes</td></tr></tbody></table>
<p>3 rows × 2 columns</p></div>`;
    await page.evaluate((h) => window.harness.render([{ output_type: 'execute_result', execution_count: 1, data: { 'text/html': h, 'text/plain': 'df' }, metadata: {} }]), dataframe);
    const table = page.getByRole('table');
    await expect(table.getByRole('cell', { name: '34' })).toHaveCSS('text-align', 'right');
    const rows = table.locator('tbody tr');
    const [odd, even] = [await rows.nth(0).evaluate((r) => getComputedStyle(r).backgroundColor), await rows.nth(1).evaluate((r) => getComputedStyle(r).backgroundColor)];
    expect(odd).not.toBe(even);
    await expect(table.getByRole('cell', { name: '34' })).toHaveCSS('border-top-style', 'solid');
  });

  test('SVG, PNG and markdown attachments show as data: images that load', async ({ page }) => {
    const harness = await openHarness(page);
    const svg = `<?xml version="1.0" encoding="utf-8" standalone="no"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="60" viewBox="0 0 120 60" xmlns="http://www.w3.org/2000/svg" version="1.1" onload="window.pwned=1">
 <metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF></metadata>
 <defs><style type="text/css">*{stroke-linejoin: round}</style><path id="m" d="M 0 0 L 10 10"/></defs>
 <script>window.pwned=1</script>
 <rect width="120" height="60" fill="#3b7ddd"/><use xlink:href="#m" x="5" y="5" style="stroke: black"/>
 <image href="https://evil.example/x.png" width="10" height="10"/>
 <text x="10" y="40">π ≈ 3.14 &amp; é</text>
</svg>`;
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==';
    await page.evaluate(
      ([s, p]) =>
        window.harness.render([
          { output_type: 'display_data', data: { 'image/svg+xml': s, 'text/plain': 'fig' }, metadata: {} },
          { output_type: 'display_data', data: { 'image/png': p, 'text/plain': 'fig' }, metadata: { 'image/png': { width: 40, height: 40 } } },
        ]),
      [svg, png],
    );
    const svgImage = page.locator('img[data-mime="image/svg+xml"]');
    await expect(svgImage).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
    await expect.poll(() => svgImage.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
    const decoded = Buffer.from((await svgImage.getAttribute('src'))!.split(',')[1]!, 'base64').toString('utf8');
    expect(decoded).not.toMatch(/<script|onload|evil\.example/);
    expect(decoded).toContain('π ≈ 3.14 &amp; é');
    expect(decoded).toContain('href="#m"');
    const pngImage = page.locator('img[data-mime="image/png"]');
    await expect(pngImage).toHaveAttribute('width', '40');
    await expect.poll(() => pngImage.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);

    await page.evaluate(
      (p) => window.harness.markdown('# Notes\n\nLet $x_i$ be.\n\n![pasted](attachment:image.png) ![remote](https://evil.example/r.png)\n\n[docs](https://example.com)', { 'image.png': { 'image/png': p } }),
      png,
    );
    await expect(page.getByRole('heading', { name: 'Notes' })).toBeVisible();
    await expect(page.locator('.nb-math')).toHaveText('$x_i$');
    const pasted = page.getByRole('img', { name: 'pasted' });
    await expect.poll(() => pasted.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2);
    await expect(page.getByRole('img', { name: 'remote' })).not.toHaveAttribute('src', /./);
    await expect(page.getByText('docs')).toHaveAttribute('title', 'https://example.com');
    expect(await page.evaluate(() => window.pwned)).toBeUndefined();
    expect(harness.requests.filter((url) => !url.startsWith(origin))).toEqual([]);
  });

  test('streams: ANSI colours, stderr tinted, tqdm redraws, and long output truncated', async ({ page }) => {
    await openHarness(page);
    const stream = (name: string, text: string) => ({ type: 'stream', content: { name, text } });
    await page.evaluate(
      (messages) => window.harness.apply(messages),
      [
        stream('stdout', 'plain \u001b[31mred\u001b[0m <b>not bold</b>\n'),
        stream('stdout', '\r 10%|#'),
        stream('stdout', '\r100%|##########|\n'),
        stream('stderr', 'a warning\n'),
      ],
    );
    const streams = page.locator('[data-output-type="stream"]');
    await expect(streams).toHaveCount(2);
    expect(await streams.first().evaluate((output) => output.textContent)).toBe('plain red <b>not bold</b>\n100%|##########|\n');
    await expect(streams.first().locator('.ansi-red-fg')).toHaveText('red');
    const stderr = page.locator('[data-stream="stderr"] pre');
    const stdoutBackground = await streams.first().locator('pre').evaluate((pre) => getComputedStyle(pre).backgroundColor);
    expect(await stderr.evaluate((pre) => getComputedStyle(pre).backgroundColor)).not.toBe(stdoutBackground);

    // A stream that grows past one block of lines keeps all of it, in order.
    const many = Array.from({ length: 450 }, (_, i) => `row ${i}\n`).join('');
    await page.evaluate((messages) => window.harness.apply(messages), [stream('stderr', many), stream('stderr', 'last\n')]);
    expect(await stderr.evaluate((pre) => pre.textContent)).toBe(`a warning\n${many}last\n`);

    const long = Array.from({ length: 6000 }, (_, i) => `line ${i}`).join('\n');
    await page.evaluate((text) => window.harness.render([{ output_type: 'stream', name: 'stdout', text }]), long);
    const showAll = page.getByRole('button', { name: 'Show all (6,000 lines)' });
    await expect(showAll).toBeVisible();
    await expect(page.getByText('line 4999', { exact: false })).toHaveCount(1);
    expect(await page.locator('pre').evaluate((pre) => pre.textContent.includes('line 5000'))).toBe(false);
    await showAll.click();
    expect(await page.locator('pre').evaluate((pre) => pre.textContent.endsWith('line 5999'))).toBe(true);
  });

  test('errors, JSON, LaTeX and plotly outputs', async ({ page }) => {
    const harness = await openHarness(page);
    await page.evaluate(() =>
      window.harness.render([
        { output_type: 'error', ename: 'ZeroDivisionError', evalue: 'division by zero', traceback: ['\u001b[0;31mZeroDivisionError\u001b[0m Traceback', '----> 1 1/0'] },
        { output_type: 'display_data', data: { 'application/json': { model: 'xgb', params: { depth: 6, eta: 0.3 }, tags: ['a', 'b'] } }, metadata: {} },
        { output_type: 'display_data', data: { 'text/latex': '$\\alpha$', 'text/plain': 'alpha' }, metadata: {} },
        {
          output_type: 'display_data',
          data: { 'application/vnd.plotly.v1+json': { data: [{ type: 'bar', x: ['a', 'b'], y: [1, 3] }], layout: { title: { text: 'Bars' } } }, 'text/html': '<b>plotly fallback</b>' },
          metadata: {},
        },
      ]),
    );
    const error = page.locator('[data-output-type="error"]');
    await expect(error.locator('.nb-error-title')).toHaveText('ZeroDivisionError: division by zero');
    await expect(error.locator('.ansi-red-fg')).toHaveText('ZeroDivisionError');
    const json = page.getByTestId('nb-json');
    await expect(json).toContainText('"model": "xgb"');
    await expect(json).not.toContainText('"depth"');
    await json.getByRole('button', { expanded: false }).first().click();
    await expect(json).toContainText('"depth": 6');
    await expect(page.getByText('$\\alpha$')).toBeVisible();
    await expect(page.getByTestId('nb-plotly').locator('.main-svg').first()).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('nb-plotly')).toContainText('Bars');
    expect(await page.evaluate(() => window.harness.violations)).toEqual([]);
    expect(harness.requests.filter((url) => !url.startsWith(origin))).toEqual([]);
  });
});

test('outputs follow the light and dark themes', async ({ page }, testInfo) => {
  await openHarness(page);
  await page.setViewportSize({ width: 900, height: 900 });
  const dataframe =
    '<table border="1" class="dataframe"><thead><tr style="text-align: right;"><th></th><th>tenure</th><th>MonthlyCharges</th><th>Churn</th></tr></thead><tbody>' +
    [1, 34, 2, 45, 8]
      .map((tenure, i) => `<tr><th>${i}</th><td>${tenure}</td><td>${(29.85 + i * 13.4).toFixed(2)}</td><td>${i % 2 ? 'Yes' : 'No'}</td></tr>`)
      .join('') +
    '</tbody></table>';
  await page.evaluate(
    (html) =>
      window.harness.render([
        { output_type: 'stream', name: 'stdout', text: 'Epoch 1/3 \u001b[32m✔\u001b[0m loss=\u001b[1;33m0.412\u001b[0m\n100%|██████████| 3/3 [00:01<00:00]\n' },
        { output_type: 'stream', name: 'stderr', text: 'UserWarning: \u001b[31mfeature names\u001b[0m unseen at fit time\n' },
        { output_type: 'execute_result', execution_count: 3, data: { 'text/html': html, 'text/plain': 'df' }, metadata: {} },
        { output_type: 'display_data', data: { 'text/markdown': '**Accuracy**: 0.81, see `report()` and $\\alpha_1$' }, metadata: {} },
        { output_type: 'display_data', data: { 'application/json': { model: 'xgb', params: { depth: 6 }, ok: true, n: null } }, metadata: {} },
        { output_type: 'error', ename: 'KeyError', evalue: "'churn'", traceback: ['\u001b[0;31mKeyError\u001b[0m: \u001b[32m\'churn\'\u001b[0m'] },
      ]),
    dataframe,
  );
  const colors: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: testInfo.outputPath(`outputs-${scheme}.png`), fullPage: true });
    colors.push(await page.getByRole('cell', { name: '34' }).evaluate((cell) => getComputedStyle(cell).color));
  }
  // The table's text follows the theme inside its shadow root too.
  expect(colors[0]).not.toBe(colors[1]);
});
