/**
 * bench/data: the data backend on a large table, through the real server's
 * HTTP API, against the tools a data scientist would otherwise use, measured in
 * the same run on the same files:
 *   a. the full profile of a Parquet file vs DuckDB's own SUMMARIZE (target <= 0.5x);
 *   b. the full profile of the same data as CSV vs pandas (target >= 10x faster);
 *   c. a histogram query (target < 300 ms) and the first page of SELECT * (target < 200 ms);
 *   d. the backend's peak resident memory while profiling.
 *
 *   npm run bench:data [-- --rows 1000000] [--runs 3] [--keep]
 *
 * Data goes to bench/data/.cache/rows-N/ (git-ignored) and is deleted at the end
 * unless --keep is given; a kept folder is reused by the next run.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { generate, sqlLiteral, type Generated } from './generate';
import { ApiCallError, peakRss, procMiB, startServer, type Server } from '../workbench-server';
import { countOption } from '../options';
import { PYTHON, runPythonJson } from '../python';

const root = resolve(import.meta.dirname, '..', '..');

const ROWS = countOption('--rows', 10_000_000);
const RUNS = countOption('--runs', 3);
const QUERY_RUNS = Math.max(7, RUNS);
const KEEP = process.argv.includes('--keep');
const cacheRoot = join(root, 'bench', 'data', '.cache');
const dataDir = join(cacheRoot, `rows-${ROWS}`);

const log = (line: string): void => void process.stderr.write(`bench/data: ${line}\n`);
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const timed = async (work: () => Promise<unknown>): Promise<number> => {
  const began = performance.now();
  await work();
  return performance.now() - began;
};

let server: Server | null = null;
let pandasChild: ChildProcess | null = null;
let cleanedUp = false;
async function cleanup(): Promise<void> {
  if (cleanedUp) return;
  cleanedUp = true;
  if (pandasChild?.exitCode === null) pandasChild.kill('SIGKILL');
  await server?.stop().catch((error: unknown) => log(`could not stop the server: ${String(error)}`));
  if (!KEEP) {
    rmSync(dataDir, { recursive: true, force: true });
    if (existsSync(cacheRoot) && readdirSync(cacheRoot).length === 0) rmSync(cacheRoot, { recursive: true, force: true });
  } else log(`kept the data in ${dataDir}`);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

function preflight(): void {
  if (!existsSync(join(root, 'out', 'main', 'cli.js'))) {
    log('out/ is missing: building the app (npx electron-vite build)');
    const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the build failed; run `npx electron-vite build` and read its errors');
  }
  const pandas = spawnSync(PYTHON, ['-c', 'import pandas'], { encoding: 'utf8' });
  if (pandas.status !== 0) throw new Error(`${PYTHON} cannot import pandas (install Debian's python3-pandas): ${pandas.stderr || pandas.error?.message || ''}`);
}

interface PandasRun {
  readSeconds: number;
  computeSeconds: number;
  peakMiB: number;
  rows: number;
  pandas: string;
  python: string;
}

function runPandas(csv: string): Promise<PandasRun> {
  return runPythonJson<PandasRun>([join(import.meta.dirname, 'pandas_profile.py'), csv], 'pandas', (child) => (pandasChild = child));
}

interface Measures {
  generated: Generated;
  /** The 1-minute load average as the measures began: other work on the machine skews every figure. */
  loadBefore: number;
  duckdbVersion: string;
  idleMiB: number;
  addParquetMs: number;
  addCsvMs: number;
  summarizeMs: number[];
  summarizePeakMiB: number;
  parquetProfileMs: number[];
  parquetProfileServerS: number[];
  parquetPeakMiB: number;
  csvProfileMs: number[];
  csvProfileServerS: number[];
  csvPeakMiB: number;
  pandas: PandasRun;
  histogramMs: number[];
  histogramBaselineMs: number[];
  firstPageMs: number[];
  firstPageBaselineMs: number[];
  /** Empty when the server has no `data.chart` (or does not implement it yet). */
  chartMs: number[];
  hwmMiB: number;
}

interface DatasetReply {
  datasets: { name: string; rowCount: number }[];
}

async function measure(generated: Generated): Promise<Measures> {
  const loadBefore = loadavg()[0] ?? 0;
  const duck = await DuckDBInstance.create(':memory:');
  const connection = await duck.connect();
  const duckdbVersion = ((await connection.runAndReadAll('SELECT version()')).getRowsJson()[0]?.[0] as string | undefined) ?? 'unknown';
  const parquet = sqlLiteral(generated.parquet);
  const direct = async (sql: string): Promise<number> => timed(() => connection.runAndReadAll(sql));

  log('starting the workbench server');
  server = await startServer(root);
  const api = server;
  const idleMiB = procMiB(api.pid, 'VmRSS');

  log('adding the datasets');
  const added = async (path: string, name: string): Promise<number> => {
    const { result, ms } = await api.job('data.add', { path, name });
    const rows = (result as DatasetReply).datasets[0]?.rowCount;
    if (rows !== ROWS) throw new Error(`data.add ${name}: expected ${ROWS} rows, the server counted ${rows}`);
    return ms;
  };
  const addParquetMs = await added(generated.parquet, 'bench_parquet');
  const addCsvMs = await added(generated.csv, 'bench_csv');

  const profile = async (dataset: string): Promise<{ ms: number; serverS: number }> => {
    const { result, ms } = await api.job('data.profile', { dataset, refresh: true });
    const reply = result as { rowCount: number; seconds: number; columns: unknown[] };
    if (reply.rowCount !== ROWS || reply.columns.length !== 20) throw new Error(`data.profile ${dataset}: ${reply.rowCount} rows, ${reply.columns.length} columns`);
    return { ms, serverS: reply.seconds };
  };

  // a. Interleaved, so both sides share the machine's noise.
  const summarizeMs: number[] = [];
  const parquetProfileMs: number[] = [];
  const parquetProfileServerS: number[] = [];
  let summarizePeakMiB = 0;
  let parquetPeakMiB = 0;
  for (let run = 0; run < RUNS; run++) {
    log(`a. Parquet: SUMMARIZE and data.profile, run ${run + 1} of ${RUNS}`);
    const summarize = await peakRss(process.pid, () => direct(`SUMMARIZE SELECT * FROM read_parquet(${parquet})`));
    summarizeMs.push(summarize.value);
    summarizePeakMiB = Math.max(summarizePeakMiB, summarize.peakMiB);
    const profiled = await peakRss(api.pid, () => profile('bench_parquet'));
    parquetProfileMs.push(profiled.value.ms);
    parquetProfileServerS.push(profiled.value.serverS);
    parquetPeakMiB = Math.max(parquetPeakMiB, profiled.peakMiB);
  }

  // b. pandas runs once: at ten million rows it takes minutes.
  const csvProfileMs: number[] = [];
  const csvProfileServerS: number[] = [];
  let csvPeakMiB = 0;
  for (let run = 0; run < RUNS; run++) {
    log(`b. CSV: data.profile, run ${run + 1} of ${RUNS}`);
    const profiled = await peakRss(api.pid, () => profile('bench_csv'));
    csvProfileMs.push(profiled.value.ms);
    csvProfileServerS.push(profiled.value.serverS);
    csvPeakMiB = Math.max(csvPeakMiB, profiled.peakMiB);
  }
  log('b. CSV: pandas (read_csv, describe, value_counts, quantiles)');
  const pandas = await runPandas(generated.csv);
  if (pandas.rows !== ROWS) throw new Error(`pandas read ${pandas.rows} rows, expected ${ROWS}`);

  // c. The short queries, each against the same SQL run straight in DuckDB.
  const histogramSql = (from: string): string => `SELECT floor(d0 / 10) * 10 AS bin, count(*) AS n FROM ${from} GROUP BY 1 ORDER BY 1`;
  const query = async (sql: string, expectRows: (rows: number) => boolean): Promise<number> => {
    const { result, ms } = await api.job('data.query', { sql });
    const reply = result as { resultId: string; rows: unknown[][] };
    if (!expectRows(reply.rows.length)) throw new Error(`data.query answered ${reply.rows.length} rows for ${sql}`);
    await api.call('data.closeResult', { resultId: reply.resultId });
    return ms;
  };
  const histogramMs: number[] = [];
  const histogramBaselineMs: number[] = [];
  const firstPageMs: number[] = [];
  const firstPageBaselineMs: number[] = [];
  log(`c. histogram and first page, ${QUERY_RUNS} runs each`);
  for (let run = 0; run < QUERY_RUNS; run++) {
    histogramBaselineMs.push(await direct(histogramSql(`read_parquet(${parquet})`)));
    histogramMs.push(await query(histogramSql('"bench_parquet"'), (rows) => rows === 100));
    // What the server runs for a first page: the query wrapped in a LIMIT of one page and one row more.
    firstPageBaselineMs.push(await direct(`SELECT * FROM read_parquet(${parquet}) LIMIT 201`));
    firstPageMs.push(await query('SELECT * FROM "bench_parquet"', (rows) => rows === Math.min(200, ROWS)));
  }

  const chartMs = await chartHistogram(api);

  const hwmMiB = procMiB(api.pid, 'VmHWM');
  connection.closeSync();
  duck.closeSync();
  return {
    generated, loadBefore, duckdbVersion, idleMiB, addParquetMs, addCsvMs,
    summarizeMs, summarizePeakMiB, parquetProfileMs, parquetProfileServerS, parquetPeakMiB,
    csvProfileMs, csvProfileServerS, csvPeakMiB, pandas,
    histogramMs, histogramBaselineMs, firstPageMs, firstPageBaselineMs, chartMs, hwmMiB,
  };
}

/** The same 100-bin histogram as the Charts panel asks for it, where the server has `data.chart`. */
async function chartHistogram(api: Server): Promise<number[]> {
  const input = { dataset: 'bench_parquet', spec: { kind: 'histogram', x: 'd0', bins: 100 } };
  const times: number[] = [];
  log(`c. data.chart histogram (where the server has it), ${QUERY_RUNS} runs`);
  for (let run = 0; run < QUERY_RUNS; run++) {
    try {
      times.push(await timed(async () => {
        const chart = (await api.call('data.chart', input)) as { rows: number };
        if (chart.rows !== ROWS) throw new Error(`data.chart counted ${chart.rows} rows, expected ${ROWS}`);
      }));
    } catch (error) {
      if (error instanceof ApiCallError && error.code === 'unknown_procedure') {
        log('c. data.chart: not in this server; skipped');
        return [];
      }
      throw error;
    }
  }
  return times;
}

function report(m: Measures): void {
  const s = (ms: number): string => (ms / 1000).toFixed(2);
  const ms1 = (ms: number): string => ms.toFixed(1);
  const mib = (value: number): string => value.toFixed(0);
  const pandasMs = (m.pandas.readSeconds + m.pandas.computeSeconds) * 1000;
  const duckdbPackage = JSON.parse(readFileSync(join(root, 'node_modules', '@duckdb', 'node-api', 'package.json'), 'utf8')) as { version: string };
  const cpu = cpus();

  console.log(`\nbench/data: ${ROWS.toLocaleString('en-US')} rows x 20 columns (10 DOUBLE, 5 BIGINT, 5 categories of 3/10/100/1,000/5,000 values)`);
  console.log(`machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.versions.node}; DuckDB ${m.duckdbVersion} (@duckdb/node-api ${duckdbPackage.version}); pandas ${m.pandas.pandas}, Python ${m.pandas.python}; load average ${m.loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? 0).toFixed(1)} after`);
  console.log(`medians of ${RUNS} runs (profiles) and ${QUERY_RUNS} runs (queries); pandas ran once; workbench times are wall clock at the HTTP client, job polling included\n`);

  type Row = [measure: string, workbench: string, baseline: string, ratio: number | null, target: string, met: boolean | null, baselineIs: string];
  const rows: Row[] = [];
  const ratioRow = (name: string, value: number, floor: number, fmt: (v: number) => string, target: string, met: boolean | null, what: string): void => {
    rows.push([name, fmt(value), fmt(floor), value / floor, target, met, what]);
  };
  const parquetRatio = median(m.parquetProfileMs) / median(m.summarizeMs);
  const csvRatio = median(m.csvProfileMs) / pandasMs;
  ratioRow('full profile, Parquet (s)', median(m.parquetProfileMs), median(m.summarizeMs), s, '<= 0.5x', parquetRatio <= 0.5, 'DuckDB `SUMMARIZE` on the same file, in the bench process');
  ratioRow('full profile, CSV (s)', median(m.csvProfileMs), pandasMs, s, '<= 0.1x (10x faster)', csvRatio <= 0.1, 'pandas: read_csv + describe + value_counts + quantiles');
  rows.push(['  pandas read_csv alone (s)', '', s(m.pandas.readSeconds * 1000), null, '', null, 'part of the row above']);
  rows.push(['  pandas describe + value_counts + quantiles (s)', '', s(m.pandas.computeSeconds * 1000), null, '', null, 'part of the row above']);
  ratioRow('histogram query, 100 bins (ms)', median(m.histogramMs), median(m.histogramBaselineMs), ms1, '< 300 ms', median(m.histogramMs) < 300, 'the same SQL in DuckDB, in process');
  if (m.chartMs.length > 0) {
    ratioRow('histogram chart, data.chart 100 bins (ms)', median(m.chartMs), median(m.histogramBaselineMs), ms1, '< 300 ms', median(m.chartMs) < 300, 'the histogram SQL above in DuckDB, in process');
  }
  ratioRow('first page of SELECT * (ms)', median(m.firstPageMs), median(m.firstPageBaselineMs), ms1, '< 200 ms', median(m.firstPageMs) < 200, 'the same SELECT with LIMIT 201 in DuckDB, in process');
  ratioRow('backend peak RSS, Parquet profiles (MiB)', m.parquetPeakMiB, m.summarizePeakMiB, mib, '', null, 'bench process peak RSS during SUMMARIZE');
  ratioRow('backend peak RSS, CSV profiles (MiB)', m.csvPeakMiB, m.pandas.peakMiB, mib, '', null, 'pandas peak RSS');
  ratioRow('backend VmHWM, whole run (MiB)', m.hwmMiB, m.idleMiB, mib, '', null, 'the backend idle, before the first call');

  console.log('| measure | workbench | baseline | ratio | target | met | baseline is |');
  console.log('| --- | ---: | ---: | ---: | --- | --- | --- |');
  for (const [name, value, floor, ratio, target, met, what] of rows) {
    console.log(`| ${name} | ${value} | ${floor} | ${ratio === null ? '' : `${ratio.toFixed(2)}x`} | ${target} | ${met === null ? '' : met ? 'yes' : 'NO'} | ${what} |`);
  }

  const g = m.generated;
  console.log('\n| setup | value |');
  console.log('| --- | ---: |');
  console.log(`| generate both files (s) | ${g.reused ? 'reused' : g.seconds.toFixed(1)} |`);
  console.log(`| Parquet / CSV size (MiB) | ${(g.parquetBytes / 2 ** 20).toFixed(0)} / ${(g.csvBytes / 2 ** 20).toFixed(0)} |`);
  console.log(`| data.add Parquet / CSV (s) | ${s(m.addParquetMs)} / ${s(m.addCsvMs)} |`);
  console.log(`| profile seconds inside the server, Parquet / CSV (median) | ${median(m.parquetProfileServerS).toFixed(2)} / ${median(m.csvProfileServerS).toFixed(2)} |`);

  const list = (values: number[], fmt: (v: number) => string): string => values.map(fmt).join(', ');
  console.log('\nsamples:');
  console.log(`  SUMMARIZE (s): ${list(m.summarizeMs, s)}; Parquet profile (s): ${list(m.parquetProfileMs, s)}; CSV profile (s): ${list(m.csvProfileMs, s)}`);
  console.log(`  histogram (ms): ${list(m.histogramMs, ms1)}; baseline: ${list(m.histogramBaselineMs, ms1)}`);
  console.log(`  first page (ms): ${list(m.firstPageMs, ms1)}; baseline: ${list(m.firstPageBaselineMs, ms1)}`);
  if (m.chartMs.length > 0) console.log(`  data.chart histogram (ms): ${list(m.chartMs, ms1)}`);
}

try {
  preflight();
  const generated = await generate(dataDir, ROWS, log);
  report(await measure(generated));
} catch (error) {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
