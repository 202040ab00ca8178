import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../../../test/helpers';
import { createEngine, type Engine } from '../../data';
import { driftColumns, ks2samp } from './index';

interface NumericCase {
  name: string;
  reference: number[];
  current: number[];
  ks: { pvalue: number };
  wassersteinNormed: number;
  jensenshannon: number;
  psi: number;
}
interface CountCase {
  name: string;
  reference: number[];
  current: number[];
  chisquare: { pvalue: number };
  z?: { pvalue: number };
}
const fixture = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/monitoring/drift.json'), 'utf8')) as { numeric: NumericCase[]; counts: CountCase[] };
const numericCase = (name: string): NumericCase => fixture.numeric.find((c) => c.name === name) ?? (() => { throw new Error(name); })();
const countCase = (name: string): CountCase => fixture.counts.find((c) => c.name === name) ?? (() => { throw new Error(name); })();

/** A seeded uniform generator (mulberry32) and standard normals from it (Box–Muller). */
function normals(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

const dir = tempDir('drift-');
let engine: Engine;
beforeAll(async () => {
  engine = await createEngine({ tempDirectory: dir.path, threads: 2 });
});
afterAll(() => {
  engine.close();
  dir.cleanup();
});

async function numericTable(name: string, values: number[]): Promise<void> {
  await engine.execute(`CREATE OR REPLACE TABLE ${name} AS SELECT unnest([${values.join(',')}]::DOUBLE[]) AS x`);
}
async function categoryTable(name: string, counts: number[]): Promise<void> {
  const rows = counts.map((count, i) => `SELECT 'c${i}' AS x FROM range(${count})`).join(' UNION ALL ');
  await engine.execute(`CREATE OR REPLACE TABLE ${name} AS ${rows}`);
}
const none = { overrides: {}, byType: {} };

describe('driftColumns computes in DuckDB what SciPy gives', () => {
  it('KS by default on a small reference; Wasserstein and Jensen–Shannon by override', async () => {
    const c = numericCase('exact-shifted');
    await numericTable('r1', c.reference);
    await numericTable('c1', c.current);
    const base = { engine, reference: 'r1', current: 'c1', columns: [{ name: 'x', kind: 'numeric' as const }] };
    const [ks] = await driftColumns({ ...base, ...none });
    expect(ks).toMatchObject({ test: 'ks', threshold: 0.05, drifted: true, skipped: null });
    expect(ks?.score).toBeCloseTo(c.ks.pvalue, 12);
    const [w] = await driftColumns({ ...base, overrides: { x: { test: 'wasserstein' } }, byType: {} });
    expect(w?.score).toBeCloseTo(c.wassersteinNormed, 10);
    expect(w).toMatchObject({ test: 'wasserstein', threshold: 0.1, drifted: true });
    const [js] = await driftColumns({ ...base, overrides: {}, byType: { numeric: { test: 'jensenshannon', threshold: 0.05 } } });
    expect(js?.score).toBeCloseTo(c.jensenshannon, 10);
    expect(js).toMatchObject({ threshold: 0.05, drifted: true });
    const [p] = await driftColumns({ ...base, overrides: { x: { test: 'psi' } }, byType: {} });
    expect(p?.score).toBeCloseTo(c.psi, 10);
    expect(ks?.histogram.bins.length).toBe(12);
    expect(ks?.histogram.reference.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('Wasserstein by default on a large reference; KS by type uses the asymptotic p-value', async () => {
    const c = numericCase('asymp-shifted');
    await numericTable('r2', c.reference);
    await numericTable('c2', c.current);
    const base = { engine, reference: 'r2', current: 'c2', columns: [{ name: 'x', kind: 'numeric' as const }] };
    const [w] = await driftColumns({ ...base, ...none });
    expect(w).toMatchObject({ test: 'wasserstein', drifted: false });
    expect(w?.score).toBeCloseTo(c.wassersteinNormed, 10);
    const [ks] = await driftColumns({ ...base, overrides: {}, byType: { numeric: { test: 'ks' } } });
    expect(ks?.score).toBeCloseTo(c.ks.pvalue, 10);
    expect(ks?.drifted).toBe(true);
  });

  it('chi-square and Z-test on categories', async () => {
    const four = countCase('four-shifted');
    await categoryTable('r3', four.reference);
    await categoryTable('c3', four.current);
    const [chi] = await driftColumns({ engine, reference: 'r3', current: 'c3', columns: [{ name: 'x', kind: 'categorical' }], ...none });
    expect(chi).toMatchObject({ test: 'chisquare', drifted: true, histogram: { bins: ['c0', 'c1', 'c2', 'c3'] } });
    expect(chi?.score).toBeCloseTo(four.chisquare.pvalue, 70);
    const two = countCase('two-small');
    await categoryTable('r4', two.reference);
    await categoryTable('c4', two.current);
    const [z] = await driftColumns({ engine, reference: 'r4', current: 'c4', columns: [{ name: 'x', kind: 'categorical' }], ...none });
    expect(z).toMatchObject({ test: 'z', drifted: true });
    expect(z?.score).toBeCloseTo(two.z?.pvalue ?? Number.NaN, 12);
  });
});

describe('synthetic drift', () => {
  it('finds the one shifted column, the column whose values went missing, and nothing else', async () => {
    const next = normals(7);
    const rows = (shiftB: number, missingC: number): string =>
      Array.from({ length: 3000 }, (_, i) => `(${next()}, ${next() + shiftB}, ${i % 10 < missingC ? 'NULL' : next()}, ${next() * 5 + 2}, '${['a', 'b', 'c'][i % 3]}')`).join(',');
    await engine.execute(`CREATE TABLE syn_ref (a DOUBLE, b DOUBLE, c DOUBLE, d DOUBLE, e VARCHAR); INSERT INTO syn_ref VALUES ${rows(0, 0)}`);
    await engine.execute(`CREATE TABLE syn_cur (a DOUBLE, b DOUBLE, c DOUBLE, d DOUBLE, e VARCHAR); INSERT INTO syn_cur VALUES ${rows(0.5, 3)}`);
    const columns = [...['a', 'b', 'c', 'd'].map((name) => ({ name, kind: 'numeric' as const })), { name: 'e', kind: 'categorical' as const }];
    const result = await driftColumns({ engine, reference: 'syn_ref', current: 'syn_cur', columns, ...none });
    expect(result.map((r) => [r.column, r.drifted])).toEqual([['a', false], ['b', true], ['c', false], ['d', false], ['e', false]]);
    expect(result.map((r) => r.missing.drifted)).toEqual([false, false, true, false, false]);
    expect(result[2]?.missing.current).toBeCloseTo(0.3, 10);
    expect(result[4]?.test).toBe('jensenshannon');
  });

  it('no shift: KS at n = 500 flags about 5% of 100 seeded repeats', () => {
    const next = normals(2026);
    let flagged = 0;
    for (let repeat = 0; repeat < 100; repeat += 1) {
      const a = Array.from({ length: 500 }, next);
      const b = Array.from({ length: 500 }, next);
      if (ks2samp(a, b).pValue <= 0.05) flagged += 1;
    }
    expect(flagged).toBeGreaterThanOrEqual(1);
    expect(flagged).toBeLessThanOrEqual(12);
  });
});

describe('text files', () => {
  it('parsed once into a temp table give the same report as reading them in place', async () => {
    const next = normals(11);
    const path = (name: string): string => join(dir.path, name);
    const write = (name: string, shift: number): Promise<void> =>
      engine.execute(`COPY (SELECT x, (row_number() OVER () % 4)::VARCHAR AS k FROM (SELECT unnest([${Array.from({ length: 2000 }, () => next() + shift).join(',')}]) AS x)) TO '${path(name)}' (HEADER)`);
    await write('ref.csv', 0);
    await write('cur.csv', 0.3);
    const input = { engine, reference: `read_csv('${path('ref.csv')}')`, current: `read_csv('${path('cur.csv')}')`, columns: [{ name: 'x', kind: 'numeric' as const }, { name: 'k', kind: 'categorical' as const }], ...none };
    const inPlace = await driftColumns(input);
    const parsedOnce = await driftColumns({ ...input, materialize: true });
    expect(parsedOnce.map((c) => [c.column, c.test, c.drifted])).toEqual([['x', 'wasserstein', true], ['k', 'jensenshannon', false]]);
    parsedOnce.forEach((column, i) => {
      expect(column.score).toBeCloseTo(inPlace[i]?.score ?? Number.NaN, 12);
      expect(column.histogram).toEqual(inPlace[i]?.histogram);
    });
    const tables = await engine.query(`SELECT count(*) FROM duckdb_tables() WHERE table_name = 'drift_data'`);
    expect(Number(tables.rows[0]?.[0])).toBe(0);
  });
});

describe('numbers counted in memory or in DuckDB', () => {
  const columns = [
    { name: 'a', kind: 'numeric' as const },
    { name: 'b', kind: 'numeric' as const },
    { name: 'few', kind: 'numeric' as const },
    { name: 'ties', kind: 'numeric' as const },
    { name: 'k', kind: 'categorical' as const },
    { name: 'flat', kind: 'numeric' as const },
  ];
  const rows = 2500 + 2000;
  beforeAll(async () => {
    const next = normals(31);
    const row = (i: number, shift: number): string => `(${next()}, ${i % 9 === 0 ? 'NULL' : next() + shift}, ${i % 7}, ${Math.round(next() * 4 + shift) / 4}, 'k${i % 5}', 3)`;
    const table = (name: string, count: number, shift: number): Promise<void> =>
      engine.execute(`CREATE TABLE ${name} (a DOUBLE, b DOUBLE, few DOUBLE, ties DOUBLE, k VARCHAR, flat DOUBLE); INSERT INTO ${name} VALUES ${Array.from({ length: count }, (_, i) => row(i, shift)).join(',')}`);
    await table('mem_ref', 2500, 0);
    await table('mem_cur', 2000, 0.2);
  });

  it.each([
    ['Wasserstein and Jensen–Shannon by default', {}, true],
    ['KS for numbers', { numeric: { test: 'ks' as const } }, true],
    ['PSI for numbers', { numeric: { test: 'psi' as const } }, false],
  ])('%s: the same report whether read into memory in one batch, a column per batch, or counted in DuckDB', async (_name, byType, shiftFound) => {
    const input = { engine, reference: 'mem_ref', current: 'mem_cur', columns, overrides: {}, byType };
    const oneBatch = await driftColumns(input);
    const perColumn = await driftColumns({ ...input, inMemoryMaxValues: rows });
    const inDuckDB = await driftColumns({ ...input, inMemoryMaxValues: rows - 1 });
    expect(oneBatch.map((c) => c.skipped)).toEqual([null, null, null, null, null, null]);
    for (const other of [perColumn, inDuckDB]) {
      oneBatch.forEach((column, i) => {
        const twin = other[i];
        expect(twin?.test, column.column).toBe(column.test);
        expect(twin?.drifted, column.column).toBe(column.drifted);
        expect(twin?.missing, column.column).toEqual(column.missing);
        expect(twin?.histogram.bins, column.column).toEqual(column.histogram.bins);
        twin?.histogram.current.forEach((share, bin) => expect(share).toBeCloseTo(column.histogram.current[bin] ?? Number.NaN, 12));
        const [score, twinScore] = [column.score ?? Number.NaN, twin?.score ?? Number.NaN];
        expect(Math.abs(score - twinScore), `${column.column}: ${score} vs ${twinScore}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(score)));
      });
    }
    expect(oneBatch.find((c) => c.column === 'b')?.drifted).toBe(shiftFound);
  });

  it.each([
    ['in memory', undefined],
    ['in DuckDB', 0],
  ])('a column holding ±∞ is skipped with how many, the others scored (%s)', async (_where, inMemoryMaxValues) => {
    await engine.execute(`CREATE OR REPLACE TABLE inf_ref AS SELECT range::DOUBLE AS x, CASE WHEN range IN (5, 9) THEN 'inf'::DOUBLE ELSE range::DOUBLE END AS y FROM range(3000)`);
    await engine.execute(`CREATE OR REPLACE TABLE inf_cur AS SELECT range::DOUBLE + 400 AS x, CASE WHEN range = 7 THEN '-inf'::DOUBLE ELSE range::DOUBLE END AS y FROM range(3000)`);
    const columns = [{ name: 'x', kind: 'numeric' as const }, { name: 'y', kind: 'numeric' as const }];
    const [x, y] = await driftColumns({ engine, reference: 'inf_ref', current: 'inf_cur', columns, ...none, ...(inMemoryMaxValues === undefined ? {} : { inMemoryMaxValues }) });
    expect(x).toMatchObject({ test: 'wasserstein', drifted: true, skipped: null });
    expect(y).toMatchObject({ score: null, drifted: false });
    expect(y?.skipped).toBe('The column holds infinite values (2 in the reference, 1 in the current window); the tests need finite numbers.');
  });
});

describe('bad windows are skipped with a reason', () => {
  it('says why instead of scoring', async () => {
    await engine.execute(`CREATE TABLE bad_ref AS SELECT range::DOUBLE AS n, (range % 7)::VARCHAR AS k, NULL::DOUBLE AS gone FROM range(100)`);
    await engine.execute(`CREATE TABLE bad_cur AS SELECT * FROM bad_ref WHERE n < 50`);
    const columns = [
      { name: 'n', kind: 'numeric' as const },
      { name: 'k', kind: 'categorical' as const },
      { name: 'gone', kind: 'numeric' as const },
    ];
    const result = await driftColumns({ engine, reference: 'bad_ref', current: 'bad_cur', columns, overrides: { n: { test: 'z' }, k: { test: 'ks' } }, byType: {} });
    expect(result.map((r) => [r.score, r.drifted])).toEqual([[null, false], [null, false], [null, false]]);
    expect(result[0]?.skipped).toMatch(/Z-test compares two values/);
    expect(result[1]?.skipped).toMatch(/needs a numeric column/);
    expect(result[2]?.skipped).toMatch(/no non-missing values/);
    const empty = await driftColumns({ engine, reference: 'bad_ref', current: '(SELECT * FROM bad_ref WHERE false)', columns: columns.slice(0, 1), ...none });
    expect(empty[0]?.skipped).toBe('The current window is empty.');
  });
});
