/**
 * bench/startup: how fast `workbench serve` comes up, how fast its UI becomes
 * interactive in headless Chromium, and how much memory the idle backend holds.
 * Each figure is a median of several runs, printed beside the same measure of a
 * bare Node HTTP server run in the same session (the floor), as a ratio.
 *
 *   npm run bench:startup [-- --runs 7]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser } from 'playwright-core';

const root = resolve(import.meta.dirname, '..', '..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const IDLE_MS = 2000;

/** The floor: Node's own HTTP server answering the same two kinds of request. */
const BASELINE_SERVER = `
const http = require('node:http');
const page = '<!doctype html><title>floor</title><button id="ready">ready</button>';
http.createServer((q, s) => {
  if (q.url.startsWith('/api/health')) { s.setHeader('content-type', 'application/json'); s.end('{"status":"ok"}'); }
  else { s.setHeader('content-type', 'text/html'); s.end(page); }
}).listen(0, '127.0.0.1', function () { console.log('running at http://127.0.0.1:' + this.address().port + '/?token=x'); });
`;

interface Started {
  child: ChildProcess;
  url: string;
  token: string;
  spawnedAt: number;
  cleanup(): void;
}

function start(kind: 'workbench' | 'baseline'): Promise<Started> {
  const home = mkdtempSync(join(tmpdir(), 'bench-startup-'));
  const workspace = join(home, 'ws');
  mkdirSync(workspace);
  const token = randomBytes(16).toString('hex');
  const args =
    kind === 'workbench'
      ? [join(root, 'bin/workbench.js'), 'serve', '--workspace', workspace, '--port', '0', '--token', token]
      : ['-e', BASELINE_SERVER];
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, WORKBENCH_HOME: home }, stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolveStart, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/[\d.:]+)\//.exec(out);
      if (match?.[1]) resolveStart({ child, url: match[1], token, spawnedAt, cleanup: () => rmSync(home, { recursive: true, force: true }) });
    });
    child.on('exit', (code) => reject(new Error(`${kind} exited with ${code}`)));
  });
}

async function untilHealthy(server: Started): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(`${server.url}/api/health`, { headers: { authorization: `Bearer ${server.token}` } });
      if (response.ok) return performance.now() - server.spawnedAt;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function untilInteractive(browser: Browser, server: Started, kind: 'workbench' | 'baseline'): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const began = performance.now();
  await page.goto(`${server.url}/?token=${server.token}`);
  if (kind === 'workbench') await page.getByTestId('status-health').getByText('Backend healthy').waitFor();
  else await page.locator('#ready').waitFor();
  const elapsed = performance.now() - began;
  await context.close();
  return elapsed;
}

function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
}

async function stop(server: Started): Promise<void> {
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await exited;
  server.cleanup();
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function measure(browser: Browser, kind: 'workbench' | 'baseline') {
  const health: number[] = [];
  const ui: number[] = [];
  const launchToUi: number[] = [];
  const rss: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const server = await start(kind);
    health.push(await untilHealthy(server));
    const beforeUi = performance.now() - server.spawnedAt;
    const uiTime = await untilInteractive(browser, server, kind);
    ui.push(uiTime);
    launchToUi.push(beforeUi + uiTime);
    await new Promise((r) => setTimeout(r, IDLE_MS));
    rss.push(rssMiB(server.child.pid!));
    await stop(server);
  }
  return { health: median(health), ui: median(ui), launchToUi: median(launchToUi), rss: median(rss) };
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  // Interleave to share the machine's noise: baseline, workbench, baseline, workbench...
  await measure(browser, 'baseline'); // warm-up: file cache, Chromium
  const baseline = await measure(browser, 'baseline');
  const workbench = await measure(browser, 'workbench');
  const rows: [string, number, number, string][] = [
    ['serve -> first /api/health (ms)', workbench.health, baseline.health, 'bare node:http server'],
    ['page load -> interactive UI (ms)', workbench.ui, baseline.ui, 'static page with one button'],
    ['serve -> interactive UI (ms)', workbench.launchToUi, baseline.launchToUi, 'both of the above'],
    [`idle backend RSS after ${IDLE_MS / 1000} s (MiB)`, workbench.rss, baseline.rss, 'bare node:http server'],
  ];
  console.log(`bench/startup: medians of ${RUNS} runs, node ${process.versions.node}`);
  console.log('| measure | workbench | baseline | ratio | baseline is |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const [name, value, floor, what] of rows) {
    console.log(`| ${name} | ${value.toFixed(1)} | ${floor.toFixed(1)} | ${(value / floor).toFixed(2)}x | ${what} |`);
  }
} finally {
  await browser.close();
}
