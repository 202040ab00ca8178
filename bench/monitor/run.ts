/**
 * bench/monitor: a drift report on 1M × 20 reference against 1M × 20 current
 * columns (15 numeric, 5 categorical; 3 numeric and 1 categorical shifted),
 * through the workbench's drift code on its DuckDB engine, against the same
 * tests done with pandas + SciPy on the same files, in the same run.
 *
 *   npm run bench:monitor [-- --rows 1000000] [--keep]
 *
 * Timed on both sides: (a) read + tests: the report straight from the two CSV
 * files (the workbench parses each once into a temp table of the compared
 * columns; pandas.read_csv) with every column's test, null shares and
 * histogram; (b) tests alone, on data already in memory (DuckDB tables;
 * pandas frames). The two workbench runs must give the same scores. Two test sets: the
 * defaults for a large reference (Wasserstein normed, Jensen–Shannon) and KS
 * for the numeric columns. CSV, not Parquet: Debian's pandas has no Parquet
 * reader (no pyarrow or fastparquet). DuckDB uses the machine's cores; pandas
 * and SciPy one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../electron/data';
import { driftColumns } from '../../electron/monitoring/drift';
import type { ReportSpec } from '../../shared/contract/monitoring';
import { countOption } from '../options';
import { runPythonJson } from '../python';

const ROWS = countOption('--rows', 1_000_000);
const KEEP = process.argv.includes('--keep');
const log = (line: string): void => void process.stderr.write(`bench/monitor: ${line}\n`);

const numeric = Array.from({ length: 15 }, (_, i) => `n${i}`);
const categorical = Array.from({ length: 5 }, (_, i) => `c${i}`);
const columns = [...numeric.map((name) => ({ name, kind: 'numeric' as const })), ...categorical.map((name) => ({ name, kind: 'categorical' as const }))];

/** A standard normal from two uniforms (Box–Muller), in SQL. */
const normal = 'sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())';

function tableSql(shifted: boolean): string {
  const parts = numeric.map((name, i) => {
    const shift = shifted && i < 3 ? [0.3, 0.2, 0.15][i] : 0;
    const scale = 1 + i * 0.5;
    // A few columns with missing values; the current window of n14 loses more.
    const nullShare = i === 14 ? (shifted ? 0.1 : 0.02) : i >= 12 ? 0.02 : 0;
    const value = `round((${normal} + ${shift}) * ${scale} + ${i}, 4)`;
    return `${nullShare ? `CASE WHEN random() < ${nullShare} THEN NULL ELSE ${value} END` : value} AS ${name}`;
  });
  categorical.forEach((name, i) => {
    const categories = [3, 5, 12, 30, 100][i] ?? 3;
    const power = shifted && i === 0 ? 2.5 : 1.5;
    parts.push(`'k' || floor(${categories} * pow(random(), ${power}))::INTEGER AS ${name}`);
  });
  return `SELECT ${parts.join(', ')} FROM range(${ROWS})`;
}

interface PythonRun {
  readSeconds: number;
  testSeconds: number;
  scores: Record<string, number>;
}

function runPython(ref: string, cur: string, mode: 'default' | 'ks'): Promise<PythonRun> {
  return runPythonJson<PythonRun>([join(import.meta.dirname, 'scipy_drift.py'), ref, cur, mode, numeric.join(','), categorical.join(',')], 'python');
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const began = performance.now();
  const value = await work();
  return { ms: performance.now() - began, value };
}

async function workbench(engine: Engine, ref: string, cur: string, spec: Pick<ReportSpec, 'overrides' | 'byType'>): Promise<{ readAndTestMs: number; testMs: number; scores: Record<string, number | null> }> {
  // As a report on two CSV files runs: each file parsed once into a temp table of the compared columns.
  const fromFiles = await timed(() => driftColumns({ engine, reference: `read_csv('${ref}')`, current: `read_csv('${cur}')`, columns, materialize: true, ...spec }));
  await engine.execute(`CREATE OR REPLACE TABLE bench_ref AS SELECT * FROM read_csv('${ref}'); CREATE OR REPLACE TABLE bench_cur AS SELECT * FROM read_csv('${cur}')`);
  const tests = await timed(() => driftColumns({ engine, reference: 'bench_ref', current: 'bench_cur', columns, ...spec }));
  const scores = Object.fromEntries(tests.value.map((c) => [c.column, c.score]));
  // Parallel sums add in any order: equal to about 1e-12.
  for (const c of fromFiles.value) if (Math.abs((c.score ?? Number.NaN) - (scores[c.column] ?? Number.NaN)) > 1e-9 * Math.abs(c.score ?? 1)) throw new Error(`${c.column}: ${c.score} from the files, ${scores[c.column]} from the tables`);
  return { readAndTestMs: fromFiles.ms, testMs: tests.ms, scores };
}

function largestGap(a: Record<string, number | null>, b: Record<string, number>): string {
  let worst = 0;
  let where = '';
  for (const [column, expected] of Object.entries(b)) {
    const gap = Math.abs((a[column] ?? Number.NaN) - expected) / Math.max(Math.abs(expected), 1e-12);
    if (!(gap <= worst)) [worst, where] = [gap, column];
  }
  return `${worst.toExponential(2)} (${where})`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-monitor-'));
  const engine = await createEngine({ tempDirectory: dir });
  try {
    const ref = join(dir, 'reference.csv');
    const cur = join(dir, 'current.csv');
    log(`generating ${ROWS} × 20 rows per side in DuckDB`);
    await engine.execute(`SELECT setseed(0.42); COPY (${tableSql(false)}) TO '${ref}' (HEADER)`);
    await engine.execute(`SELECT setseed(0.43); COPY (${tableSql(true)}) TO '${cur}' (HEADER)`);

    const results: string[] = [];
    const loadBefore = loadavg()[0] ?? 0;
    for (const [label, mode, spec] of [
      ['defaults (Wasserstein, Jensen–Shannon)', 'default', { overrides: {}, byType: {} }],
      ['KS for numbers', 'ks', { overrides: {}, byType: { numeric: { test: 'ks' } } }],
    ] as const) {
      log(`${label}: workbench`);
      const ours = await workbench(engine, ref, cur, spec);
      log(`${label}: pandas + SciPy`);
      const theirs = await runPython(ref, cur, mode);
      const oursTotal = ours.readAndTestMs;
      const theirsRead = theirs.readSeconds * 1000;
      const theirsTests = theirs.testSeconds * 1000;
      results.push(
        `${label}:`,
        `  read + tests: workbench ${(oursTotal / 1000).toFixed(2)} s, pandas+SciPy ${((theirsRead + theirsTests) / 1000).toFixed(2)} s (read ${(theirsRead / 1000).toFixed(2)}) → ${((theirsRead + theirsTests) / oursTotal).toFixed(2)}× faster`,
        `  tests alone:  workbench ${(ours.testMs / 1000).toFixed(2)} s, SciPy ${(theirsTests / 1000).toFixed(2)} s → ${(theirsTests / ours.testMs).toFixed(2)}× faster`,
        `  largest relative gap between the two sides' scores: ${largestGap(ours.scores, theirs.scores)}`,
      );
    }
    console.log(`bench/monitor: ${ROWS} × 20 vs ${ROWS} × 20, ${cpus().length} cores, 1-min load ${loadBefore.toFixed(1)} before and ${(loadavg()[0] ?? 0).toFixed(1)} after (other work skews both sides), target 5× faster`);
    for (const line of results) console.log(line);
  } finally {
    engine.close();
    if (KEEP) log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

await main();
