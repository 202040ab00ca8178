import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeParquet, type ParquetColumn } from './parquet-encoder';
import { seededRandom as random } from '../evaluation';
import { parquetReader } from './parquet-testing';

const T0 = 1_700_000_000_000;
const UNICODE = 'Zürich 東京 🙂';


describe('the Parquet encoder, read back by DuckDB', () => {
  const reader = parquetReader('parquet-encoder');

  const { query, write } = reader;
  const types = async (path: string): Promise<string[]> => (await query(`DESCRIBE SELECT * FROM read_parquet('${path}')`)).map(([name, type]) => `${String(name)} ${String(type)}`);

  it('writes every kind with nulls at the start, in the middle and at the end, as DuckDB types it', async () => {
    const path = write(
      [
        { name: 'ts', kind: 'timestamp_ms', values: Float64Array.from([Number.NaN, T0, Number.NaN, T0 + 1234, Number.NaN]) },
        { name: 'd', kind: 'double', values: Float64Array.from([Number.NaN, 1.5, Number.NaN, -0.25, Number.NaN]) },
        { name: 'n', kind: 'int64', values: Float64Array.from([Number.NaN, -3, Number.NaN, 2 ** 53 - 1, Number.NaN]) },
        { name: 'c', kind: 'dictionary', codes: Int32Array.from([0, 1, 0, 2, 0]), dictionary: ['a', UNICODE] },
        { name: 't', kind: 'text', values: [null, '', null, UNICODE, null] },
        { name: 'b', kind: 'boolean', values: [null, true, null, false, null] },
      ],
      5,
    );
    expect(await types(path)).toEqual(['ts TIMESTAMP', 'd DOUBLE', 'n BIGINT', 'c VARCHAR', 't VARCHAR', 'b BOOLEAN']);
    const rows = await query(`SELECT epoch_ms(ts)::DOUBLE, d, n::VARCHAR, c, t, b FROM read_parquet('${path}')`);
    expect(rows).toEqual([
      [null, null, null, null, null, null],
      [T0, 1.5, '-3', 'a', '', true],
      [null, null, null, null, null, null],
      [T0 + 1234, -0.25, String(2 ** 53 - 1), UNICODE, UNICODE, false],
      [null, null, null, null, null, null],
    ]);
  });

  it('writes columns with no value at all, of every kind, and files of one row and of none', async () => {
    const nan = new Float64Array(3).fill(Number.NaN);
    const empty = write(
      [
        { name: 'ts', kind: 'timestamp_ms', values: nan },
        { name: 'd', kind: 'double', values: nan },
        { name: 'n', kind: 'int64', values: nan },
        { name: 'c', kind: 'dictionary', codes: new Int32Array(3), dictionary: ['unused'] },
        { name: 'e', kind: 'dictionary', codes: new Int32Array(3), dictionary: [] },
        { name: 't', kind: 'text', values: [null, null, null] },
        { name: 'b', kind: 'boolean', values: [null, null, null] },
      ],
      3,
    );
    expect(await types(empty)).toEqual(['ts TIMESTAMP', 'd DOUBLE', 'n BIGINT', 'c VARCHAR', 'e VARCHAR', 't VARCHAR', 'b BOOLEAN']);
    expect((await query(`SELECT count(*), count(ts), count(d), count(n), count(c), count(e), count(t), count(b) FROM read_parquet('${empty}')`))[0]?.map(Number)).toEqual([3, 0, 0, 0, 0, 0, 0, 0]);

    const one = write(
      [
        { name: 'ts', kind: 'timestamp_ms', values: Float64Array.of(T0) },
        { name: 'c', kind: 'dictionary', codes: Int32Array.of(1), dictionary: [UNICODE] },
        { name: 'b', kind: 'boolean', values: [true] },
      ],
      1,
    );
    expect(await query(`SELECT epoch_ms(ts)::DOUBLE, c, b FROM read_parquet('${one}')`)).toEqual([[T0, UNICODE, true]]);

    const none = write([{ name: 'd', kind: 'double', values: new Float64Array(0) }, { name: 't', kind: 'text', values: [] }], 0);
    expect(await types(none)).toEqual(['d DOUBLE', 't VARCHAR']);
    expect(await query(`SELECT count(*)::INTEGER FROM read_parquet('${none}')`)).toEqual([[0]]);
  });

  it('writes dictionaries of 1 and of 300 entries, three rows of each', async () => {
    const wide = Array.from({ length: 300 }, (_, i) => `value ${i} ${i % 7 === 0 ? UNICODE : ''}`);
    const path = write(
      [
        { name: 'one', kind: 'dictionary', codes: Int32Array.of(1, 0, 1), dictionary: ['only'] },
        { name: 'wide', kind: 'dictionary', codes: Int32Array.of(300, 1, 150), dictionary: wide },
      ],
      3,
    );
    expect(await query(`SELECT one, wide FROM read_parquet('${path}')`)).toEqual([
      ['only', wide[299]],
      [null, wide[0]],
      ['only', wide[149]],
    ]);
  });

  describe('100,000 rows of long runs and random values', () => {
    const rows = 100_000;
    const next = random(42);
    const words = Array.from({ length: 300 }, (_, i) => (i % 50 === 0 ? `${UNICODE} ${i}` : `w${i}`));
    const ts = new Float64Array(rows);
    const version = new Float64Array(rows).fill(7);
    const d = new Float64Array(rows);
    const n = new Float64Array(rows);
    const codes = new Int32Array(rows);
    const sparse = new Int32Array(rows);
    const text: (string | null)[] = [];
    const flags: (boolean | null)[] = [];
    // Runs of 1 to 40 rows, so runs start and end on every position of a bit-packed group of 8.
    for (let at = 0, run = 0; at < rows; run++) {
      const length = 1 + Math.floor(next() * 40);
      const code = Math.floor(next() * 301);
      const stamp = T0 + run * 3;
      for (let i = at; i < Math.min(rows, at + length); i++) {
        ts[i] = next() < 0.01 ? Number.NaN : stamp;
        codes[i] = next() < 0.5 ? code : Math.floor(next() * 301);
        sparse[i] = run % 3 === 0 ? 1 : 0;
      }
      at += length;
    }
    for (let i = 0; i < rows; i++) {
      d[i] = next() < 0.1 ? Number.NaN : (next() - 0.5) * 1e6;
      n[i] = next() < 0.1 ? Number.NaN : Math.floor((next() - 0.5) * 2 ** 52);
      text.push(next() < 0.1 ? null : next() < 0.1 ? '' : `t${Math.floor(next() * 1e9)}${i % 1000 === 0 ? UNICODE : ''}`);
      flags.push(next() < 0.2 ? null : next() < 0.5);
    }
    const columns: ParquetColumn[] = [
      { name: 'row', kind: 'int64', values: Float64Array.from({ length: rows }, (_, i) => i) },
      { name: 'ts', kind: 'timestamp_ms', values: ts },
      { name: 'version', kind: 'int64', values: version },
      { name: 'd', kind: 'double', values: d },
      { name: 'n', kind: 'int64', values: n },
      { name: 'c', kind: 'dictionary', codes, dictionary: words },
      { name: 's', kind: 'dictionary', codes: sparse, dictionary: ['yes'] },
      { name: 't', kind: 'text', values: text },
      { name: 'b', kind: 'boolean', values: flags },
    ];
    const orNull = (v: number): number | null => (Number.isNaN(v) ? null : v);
    const expected = Array.from({ length: rows }, (_, i) => [
      i,
      orNull(ts[i] as number),
      7,
      orNull(d[i] as number),
      Number.isNaN(n[i]) ? null : String(n[i]),
      codes[i] === 0 ? null : words[(codes[i] as number) - 1],
      sparse[i] === 0 ? null : 'yes',
      text[i],
      flags[i],
    ]);
    const select = 'SELECT row::DOUBLE, epoch_ms(ts)::DOUBLE, version::DOUBLE, d, n::VARCHAR, c, s, t, b FROM read_parquet';

    it.each([
      ['in pages of about 1 MB', {}],
      ['in pages of 4 kB', { pageBytes: 4096 }],
    ])('reads back every value exactly, %s', async (_, options) => {
      const path = write(columns, rows, options);
      expect(await query(`${select}('${path}') ORDER BY row`)).toEqual(expected);
      const sum = (values: Float64Array): number => values.reduce((total, v) => (Number.isNaN(v) ? total : total + v), 0);
      const [count, countD, sumD, countT, trues] = (await query(`SELECT count(*), count(d), sum(d), count(t), count(*) FILTER (WHERE b) FROM read_parquet('${path}')`))[0] ?? [];
      expect(Number(count)).toBe(rows);
      expect(Number(countD)).toBe(d.filter((v) => !Number.isNaN(v)).length);
      expect(sumD).toBeCloseTo(sum(d), 3);
      expect(Number(countT)).toBe(text.filter((v) => v !== null).length);
      expect(Number(trues)).toBe(flags.filter((v) => v === true).length);
    });

    it('shows the dictionaries and the timestamp statistics, and filters on ts', async () => {
      const path = write(columns, rows);
      const meta = await query(`SELECT path_in_schema, encodings, stats_min_value IS NOT NULL, stats_max_value IS NOT NULL FROM parquet_metadata('${path}')`);
      const byColumn = new Map(meta.map(([name, ...rest]) => [String(name), rest]));
      for (const name of ['c', 's', 'ts', 'version']) expect(String(byColumn.get(name)?.[0])).toContain('RLE_DICTIONARY');
      expect(String(byColumn.get('d')?.[0])).not.toContain('RLE_DICTIONARY');
      expect(byColumn.get('ts')?.slice(1)).toEqual([true, true]);
      const stamps = ts.filter((v) => !Number.isNaN(v));
      const [min, max] = [Math.min(...stamps), Math.max(...stamps)];
      const stats = await query(`SELECT stats_min_value::TIMESTAMP = epoch_ms(${min}::BIGINT), stats_max_value::TIMESTAMP = epoch_ms(${max}::BIGINT) FROM parquet_metadata('${path}') WHERE path_in_schema = 'ts'`);
      expect(stats).toEqual([[true, true]]);
      const from = T0 + 30_000;
      const [[count]] = (await query(`SELECT count(*)::DOUBLE FROM read_parquet('${path}') WHERE ts >= epoch_ms(${from}::BIGINT)`)) as [[number]];
      expect(count).toBe(stamps.filter((v) => v >= from).length);
      // Past the maximum: the statistics alone answer it.
      expect(await query(`SELECT count(*)::DOUBLE FROM read_parquet('${path}') WHERE ts >= epoch_ms(${max + 1}::BIGINT)`)).toEqual([[0]]);
    });
  });

  it("reads together with DuckDB's own segments of the same columns, as the log mixes old and new", async () => {
    const folder = mkdtempSync(join(reader.dir, 'mixed-'));
    const duck = join(folder, 'old.parquet');
    await reader.run(
      `COPY (SELECT epoch_ms(${T0}::BIGINT) AS ts, 'old' AS request_id, 1::BIGINT AS model_version, 2.5::DOUBLE AS x, 3::BIGINT AS n, CAST('a' AS ENUM('a', 'b')) AS c, NULL::VARCHAR AS t, true AS b) TO '${duck}' (FORMAT parquet, COMPRESSION zstd)`,
    );
    const ours = Buffer.concat(
      encodeParquet(
        [
          { name: 'ts', kind: 'timestamp_ms', values: Float64Array.of(T0 + 1, T0 + 2) },
          { name: 'request_id', kind: 'dictionary', codes: Int32Array.of(1, 1), dictionary: ['new'] },
          { name: 'model_version', kind: 'int64', values: Float64Array.of(2, 2) },
          { name: 'x', kind: 'double', values: Float64Array.of(Number.NaN, 4) },
          { name: 'n', kind: 'int64', values: Float64Array.of(5, Number.NaN) },
          { name: 'c', kind: 'dictionary', codes: Int32Array.of(2, 0), dictionary: ['a', 'b'] },
          { name: 't', kind: 'text', values: ['z', null] },
          { name: 'b', kind: 'boolean', values: [false, null] },
        ],
        2,
      ),
    );
    writeFileSync(join(folder, 'new.parquet'), ours);
    const glob = join(folder, '*.parquet');
    expect(await types(glob)).toEqual(['ts TIMESTAMP', 'request_id VARCHAR', 'model_version BIGINT', 'x DOUBLE', 'n BIGINT', 'c VARCHAR', 't VARCHAR', 'b BOOLEAN']);
    expect(await query(`SELECT epoch_ms(ts)::DOUBLE, request_id, model_version::DOUBLE, x, n::DOUBLE, c, t, b FROM read_parquet('${glob}') ORDER BY ts`)).toEqual([
      [T0, 'old', 1, 2.5, 3, 'a', null, true],
      [T0 + 1, 'new', 2, null, 5, 'b', 'z', false],
      [T0 + 2, 'new', 2, 4, null, null, null, null],
    ]);
  });

  it('refuses a code outside its dictionary and a column shorter than the rows', () => {
    expect(() => encodeParquet([{ name: 'c', kind: 'dictionary', codes: Int32Array.of(1, 3), dictionary: ['a', 'b'] }], 2)).toThrow(/outside a dictionary of 2/);
    expect(() => encodeParquet([{ name: 'c', kind: 'dictionary', codes: Int32Array.of(-1), dictionary: ['a'] }], 1)).toThrow(/outside/);
    expect(() => encodeParquet([{ name: 'd', kind: 'double', values: new Float64Array(1) }], 2)).toThrow(/1 values for 2 rows/);
  });
});
