import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestBackend, type TestBackend } from '../../test/backend';
import { resourcesDir, failure } from '../../test/helpers';
import { createEngine } from './engine';


describe('datasets', () => {
  let test: TestBackend;
  let dir: string;
  const file = (name: string, content: string | Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  beforeAll(async () => {
    test = await openTestBackend();
    dir = join(test.home, 'files');
    mkdirSync(dir);
  });
  afterAll(() => test.close());

  it('reads the churn sample with TotalCharges as numbers, 11 unparsed, and shows them', async () => {
    const churn = join(resourcesDir, 'sample-data', 'telco-customer-churn.csv');
    const { datasets } = await test.client.runJob('data.add', { path: churn });
    const dataset = datasets[0]!;
    expect(dataset).toMatchObject({ name: 'telco_customer_churn', format: 'csv', rowCount: 7043, location: churn });
    expect(dataset.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(dataset.columns).toHaveLength(21);
    expect(dataset.columns.find((c) => c.name === 'TotalCharges')).toEqual({ name: 'TotalCharges', type: 'DOUBLE', coercedFrom: 'VARCHAR', unparsed: 11 });
    expect(dataset.columns.find((c) => c.name === 'Churn')?.type).toBe('VARCHAR'); // Yes/No stays as written

    const unparsed = await test.client.call('data.unparsed', { id: dataset.id, column: 'TotalCharges' });
    expect(unparsed.count).toBe(11);
    expect(unparsed.values).toHaveLength(11);
    expect(new Set(unparsed.values.map((v) => v.value.trim()))).toEqual(new Set(['']));
    // Row numbers point at the customers with tenure 0, checked against the file itself.
    const lines = readFileSync(churn, 'utf8').trim().split('\n');
    for (const { row } of unparsed.values) expect(lines[row]!.split(',')[5]).toBe('0');

    const { datasets: listed } = { datasets: await test.client.call('data.list', {}) };
    expect(listed.map((d) => d.name)).toContain('telco_customer_churn');
  });

  it('registers by reference: rename and remove never touch the file', async () => {
    const path = file('sales 2024.csv', 'region,amount\nnorth,10\nsouth,20\n');
    const [dataset] = (await test.client.runJob('data.add', { path })).datasets;
    expect(dataset!.name).toBe('sales_2024');
    const renamed = await test.client.call('data.rename', { id: dataset!.id, name: 'sales' });
    const query = await test.client.runJob('data.query', { sql: 'SELECT sum(amount) AS total FROM sales' });
    expect(query.rows).toEqual([['30']]);
    expect(renamed.name).toBe('sales');
    const described = await test.client.call('data.describe', { id: dataset!.id, description: 'Regional sales' });
    expect(described.description).toBe('Regional sales');
    await test.client.call('data.remove', { id: dataset!.id });
    expect(existsSync(path)).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('region,amount\nnorth,10\nsouth,20\n');
    expect((await failure(test.client.runJob('data.query', { sql: 'SELECT * FROM sales' }))).code).toBe('query_failed');
  });

  it('refuses a taken name, and a name that is not an identifier', async () => {
    const path = file('a.csv', 'x\n1\n');
    await test.client.runJob('data.add', { path, name: 'taken' });
    expect((await failure(test.client.runJob('data.add', { path, name: 'taken' }))).code).toBe('dataset_exists');
    expect((await failure(test.client.runJob('data.add', { path, name: 'no spaces' }))).code).toBe('invalid_input');
  });

  it('adds a folder or a glob of Parquet files as one dataset', async () => {
    const parts = join(dir, 'parts');
    mkdirSync(parts);
    const engine = await createEngine({ tempDirectory: dir });
    for (const part of [0, 1, 2]) await engine.execute(`COPY (SELECT range + ${part * 100} AS id FROM range(100)) TO '${join(parts, `p${part}.parquet`)}' (FORMAT parquet)`);
    engine.close();
    const folder = (await test.client.runJob('data.add', { path: parts, name: 'parts_folder' })).datasets[0]!;
    expect(folder.rowCount).toBe(300);
    const glob = (await test.client.runJob('data.add', { path: join(parts, 'p[01].parquet'), name: 'parts_glob' })).datasets[0]!;
    expect(glob.rowCount).toBe(200);
    expect(glob.format).toBe('parquet');
  });

  it('adds every table of a DuckDB database file, read-only', async () => {
    const dbPath = join(dir, 'warehouse.duckdb');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(dbPath);
    const connection = await instance.connect();
    await connection.run('CREATE TABLE customers AS SELECT range AS id FROM range(5); CREATE TABLE orders AS SELECT range AS id FROM range(7)');
    connection.closeSync();
    instance.closeSync();
    const { datasets } = await test.client.runJob('data.add', { path: dbPath });
    expect(datasets.map((d) => [d.name, d.rowCount])).toEqual([['customers', 5], ['orders', 7]]);
    const joined = await test.client.runJob('data.query', { sql: 'SELECT count(*) FROM customers, orders' });
    expect(joined.rows).toEqual([['35']]);
  });

  it('explains bad files by name, line and column, and leaves the workspace usable', async () => {
    const cases: [string, string | Buffer, RegExp][] = [
      ['ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n', /ragged\.csv: CSV Error on Line: 3[\s\S]*Expected Number of Columns: 3 Found: 2/],
      ['quoting.csv', 'a,b\n1,"unterminated\n2,3\n', /quoting\.csv: CSV Error on Line: 2[\s\S]*unterminated quote/],
      ['latin1.csv', Buffer.concat([Buffer.from('name,city\nx,'), Buffer.from([0x4d, 0xfc, 0x6e, 0x63, 0x68, 0x65, 0x6e]), Buffer.from('\n')]), /latin1\.csv[\s\S]*(unicode|UTF-8)/i],
      ['empty.csv', '', /empty\.csv is empty/],
      ['image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), /image\.csv is a binary file/],
    ];
    for (const [name, content, message] of cases) {
      const error = await failure(test.client.runJob('data.add', { path: file(name, content) }));
      expect(['data_unreadable', 'invalid_input'], `${name}: ${error.code} ${error.message}`).toContain(error.code);
      expect(error.message, name).toMatch(message);
    }
    const missing = await failure(test.client.runJob('data.add', { path: join(dir, 'nope.csv') }));
    expect(missing).toMatchObject({ code: 'not_found', message: `${join(dir, 'nope.csv')} does not exist.` });
    if (process.getuid?.() !== 0) {
      const locked = file('locked.csv', 'a\n1\n');
      chmodSync(locked, 0o000);
      expect((await failure(test.client.runJob('data.add', { path: locked }))).message).toContain('locked.csv');
    }
    expect(await test.client.call('system.health', {})).toMatchObject({ status: 'ok' });
    expect((await test.client.runJob('data.query', { sql: 'SELECT 42' })).rows).toEqual([[42]]);
  });
});

describe('a dataset whose file changes', () => {
  it('gets a new fingerprint, row count and profile, never a stale cache', async () => {
    const test = await openTestBackend();
    try {
      const path = join(test.home, 'live.csv');
      writeFileSync(path, 'x\n1\n2\n3\n');
      const [dataset] = (await test.client.runJob('data.add', { path })).datasets;
      const first = await test.client.runJob('data.profile', { dataset: 'live' });
      expect(first).toMatchObject({ rowCount: 3, cached: false });
      expect((await test.client.runJob('data.profile', { dataset: 'live' })).cached).toBe(true);

      writeFileSync(path, 'x\n10\n20\n30\n40\n');
      const second = await test.client.runJob('data.profile', { dataset: 'live' });
      expect(second).toMatchObject({ rowCount: 4, cached: false });
      expect(second.fingerprint).not.toBe(first.fingerprint);
      expect(second.columns[0]).toMatchObject({ kind: 'numeric', min: 10, max: 40 });
      const listed = (await test.client.call('data.list', {})).find((d) => d.id === dataset!.id);
      expect(listed).toMatchObject({ rowCount: 4, fingerprint: second.fingerprint });
    } finally {
      await test.close();
    }
  });
});
