/**
 * bench/notebook: notebooks on a real Jupyter server (Debian's jupyter-server
 * and python3-ipykernel), through the real `workbench serve`:
 *   a. the round trip of executing `1+1` until its result is there, p50 and
 *      p99 over N runs, against @jupyterlab/services used directly on the same
 *      server (the floor; target: 1.5x at most);
 *   b. opening and rendering a notebook of 500 cells with outputs in Chromium,
 *      against fetching the same notebook through the API alone.
 *
 *   npm run bench:notebook [-- --runs 200] [--cells 500]
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer, type Server } from '../workbench-server';
import { measureRender, type RenderTimes } from './render';
import { measureRoundTrips, workbenchClient, type RoundTrips } from './round-trip';
import { countOption } from '../options';

const root = resolve(import.meta.dirname, '..', '..');
const RUNS = countOption('--runs', 200);
const CELLS = countOption('--cells', 500);
const RENDER_RUNS = countOption('--render-runs', 5);
const log = (line: string): void => void process.stderr.write(`bench/notebook: ${line}\n`);

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

const f = (ms: number): string => ms.toFixed(2);

function reportTrips(trips: RoundTrips): void {
  console.log(`\nbench/notebook: ${RUNS} runs of 1+1; a ${CELLS}-cell notebook opened ${RENDER_RUNS} times`);
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}); node ${process.versions.node}; load average ${(loadavg()[0] ?? 0).toFixed(1)}\n`);
  console.log('| measure | workbench | floor | ratio | target | met | floor is |');
  console.log('| --- | ---: | ---: | ---: | --- | --- | --- |');
  for (const p of [50, 99]) {
    const wb = percentile(trips.workbenchMs, p);
    const fl = percentile(trips.floorMs, p);
    const target = p === 50 ? '<= 1.5x' : '';
    const met = p === 50 ? (wb / fl <= 1.5 ? 'yes' : 'NO') : '';
    console.log(`| execute 1+1 to result, p${p} (ms) | ${f(wb)} | ${f(fl)} | ${(wb / fl).toFixed(2)}x | ${target} | ${met} | @jupyterlab/services directly, same server |`);
  }
}

function reportRender(render: RenderTimes): void {
  const median = (v: number[]): number => percentile(v, 50);
  console.log('\n| measure | workbench | baseline | ratio | target | met | baseline is |');
  console.log('| --- | ---: | ---: | ---: | --- | --- | --- |');
  console.log(
    `| open and render ${CELLS} cells with outputs, median (ms) | ${f(median(render.uiMs))} | ${f(median(render.apiMs))} | ${(median(render.uiMs) / median(render.apiMs)).toFixed(2)}x | | | notebooks.open through the API alone, same page |`,
  );
  console.log(`\nsamples: render (ms) ${render.uiMs.map(f).join(', ')}; API (ms) ${render.apiMs.map(f).join(', ')}; notebook file ${(render.bytes / 1024).toFixed(0)} KiB`);
}

let server: Server | null = null;
try {
  if (!existsSync(join(root, 'out', 'main', 'cli.js'))) throw new Error('out/ is missing: run `npx electron-vite build` first');
  log('starting the workbench server');
  server = await startServer(root);
  const client = workbenchClient(server);
  log('starting Jupyter through the workbench');
  await server.job('jupyter.startLocal', {});
  reportTrips(await measureRoundTrips(server, client, RUNS, 20, log));
  client.close();
  log(`rendering a ${CELLS}-cell notebook in Chromium`);
  reportRender(await measureRender(server, CELLS, RENDER_RUNS));
} catch (error) {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await server?.stop();
}
