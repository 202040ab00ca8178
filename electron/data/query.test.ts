import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure } from '../../test/helpers';
import { openTestBackend, type TestBackend } from '../../test/backend';
import { createEngine } from './engine';
import { stripTrailing } from './query';


describe('queries', () => {
  let test: TestBackend;
  let resultId: string;
  // 100,000 rows: n, n % 7, and a text column with a quote in its name.
  const sql = `SELECT range AS n, range % 7 AS k, 'v' || range AS "odd ""name" FROM range(100000);`;

  beforeAll(async () => {
    test = await openTestBackend();
    const result = await test.client.runJob('data.query', { sql });
    resultId = result.resultId;
  });
  afterAll(() => test.close());

  it('answers with the first page only, and counts on request', async () => {
    const result = await test.client.runJob('data.query', { sql });
    expect(result.pageable).toBe(true);
    expect(result.columns.map((c) => c.name)).toEqual(['n', 'k', 'odd "name']);
    expect(result.rows).toHaveLength(200);
    expect(result.rowCount).toBeNull();
    expect((await test.client.call('data.countResult', { resultId })).rows).toBe(100_000);
  });

  it('pages, sorts and filters in DuckDB', async () => {
    const far = await test.client.call('data.page', { resultId, offset: 99_990, limit: 50 });
    expect(far.rows.map((r) => Number(r[0]))).toEqual([99990, 99991, 99992, 99993, 99994, 99995, 99996, 99997, 99998, 99999]);
    const sorted = await test.client.call('data.page', { resultId, offset: 0, limit: 3, sort: [{ column: 'k', direction: 'desc' }, { column: 'n', direction: 'desc' }] });
    expect(sorted.rows.map((r) => [Number(r[0]), Number(r[1])])).toEqual([[99994, 6], [99987, 6], [99980, 6]]);
    const filters = [{ column: 'k', op: '=' as const, value: 3 }, { column: 'odd "name', op: 'contains' as const, value: 'V999' }];
    const filtered = await test.client.call('data.page', { resultId, offset: 0, limit: 100, filters });
    const expected = Array.from({ length: 100_000 }, (_, n) => n).filter((n) => n % 7 === 3 && `v${n}`.includes('v999'));
    expect(filtered.rows.map((r) => Number(r[0]))).toEqual(expected);
    expect((await test.client.call('data.countResult', { resultId, filters })).rows).toBe(expected.length);
  });

  it('treats filter values and column names as data, never as SQL', async () => {
    const sneaky = await test.client.call('data.page', { resultId, offset: 0, limit: 5, filters: [{ column: 'odd "name', op: '=', value: "x'; DROP VIEW IF EXISTS y; --" }] });
    expect(sneaky.rows).toEqual([]);
    expect((await failure(test.client.call('data.page', { resultId, offset: 0, limit: 5, sort: [{ column: 'n; DROP TABLE t', direction: 'asc' }] }))).code).toBe('invalid_input');
  });

  it('exports a whole file, and leaves nothing behind when it fails', async () => {
    const target = join(test.workspace, 'out.csv');
    await test.client.runJob('data.export', { resultId, format: 'csv', path: target, filters: [{ column: 'n', op: '<', value: 3 }] });
    expect(readFileSync(target, 'utf8')).toBe('n,k,"odd ""name"\n0,0,v0\n1,1,v1\n2,2,v2\n');
    const bad = await failure(test.client.runJob('data.export', { resultId, format: 'parquet', path: join(test.workspace, 'no', 'such', 'dir', 'x.parquet') }));
    expect(bad.code).not.toBe('internal');
    expect(readdirSync(test.workspace).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('saves a result as a view or as Parquet in the workspace', async () => {
    const small = await test.client.runJob('data.query', { sql: 'SELECT range AS id FROM range(10) WHERE range % 2 = 0' });
    const view = await test.client.runJob('data.saveResult', { resultId: small.resultId, name: 'evens_view', mode: 'view' });
    expect(view).toMatchObject({ format: 'sql', rowCount: 5 });
    const stored = await test.client.runJob('data.saveResult', { resultId: small.resultId, name: 'evens', mode: 'parquet' });
    expect(stored).toMatchObject({ format: 'parquet', rowCount: 5, location: join(test.workspace, 'data', 'evens.parquet') });
    expect(existsSync(join(test.workspace, 'data', 'evens.parquet'))).toBe(true);
    const both = await test.client.runJob('data.query', { sql: 'SELECT (SELECT sum(id) FROM evens) + (SELECT sum(id) FROM evens_view) AS total' });
    expect(both.rows).toEqual([['40']]);
  });

  it("shows DuckDB's message with the line of a syntax error", async () => {
    const error = await failure(test.client.runJob('data.query', { sql: 'SELECT 1;\nSELEC 2' }));
    expect(error.code).toBe('query_failed');
    expect(error.message).toContain('syntax error at or near "SELEC"');
    expect(error.details?.line).toBe(2);
  });

  it('runs scripts, showing the last result', async () => {
    const result = await test.client.runJob('data.query', { sql: 'CREATE TEMP TABLE t AS SELECT 1 AS a; SELECT 7 AS b' });
    expect(result).toMatchObject({ pageable: false, statements: 2, rows: [[7]], rowCount: 1 });
  });

  it('cancels a long query', async () => {
    const controller = new AbortController();
    const run = test.client.runJob('data.query', { sql: 'SELECT count(*) FROM range(100000000000)' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    expect((await failure(run)).code).toBe('cancelled');
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await test.client.runJob('data.query', { sql: 'SELECT 1 AS ok' })).rows).toEqual([[1]]);
  });

  it('says when a query runs out of memory or the disk is full', async () => {
    const engine = await createEngine({ tempDirectory: join(test.home, 'spill'), memoryLimit: '64MB', threads: 1 });
    try {
      expect((await failure(engine.query('SELECT list(range) FROM range(50000000)'))).code).toBe('out_of_memory');
      expect((await failure(engine.execute("COPY (SELECT range FROM range(1000000)) TO '/dev/full' (FORMAT csv)"))).code).toBe('disk_full');
      expect((await engine.query('SELECT 1 AS ok')).rows).toEqual([[1]]);
    } finally {
      engine.close();
    }
  });

  it('strips trailing semicolons and comments before wrapping a statement', () => {
    expect(stripTrailing('SELECT 1; -- done\n')).toBe('SELECT 1');
    expect(stripTrailing("SELECT '--x' ;;")).toBe("SELECT '--x'");
  });
});
