import { describe, expect, it } from 'vitest';
import { encodeParquet, type ParquetColumn } from './parquet-encoder';
import { seededRandom as random } from '../evaluation';
import { parquetReader } from './parquet-testing';

/** The encoder's paths for the inference log's own shapes: per-request runs, byte codes, small whole numbers. */

const T0 = 1_700_000_000_000;
const UNICODE = 'Zürich 東京 🙂';


/** Runs of `min` to `max` rows until `rows` is reached (the last one cut to fit). */
function runLengths(rows: number, min: number, max: number, next: () => number): Int32Array {
  const lengths: number[] = [];
  for (let at = 0; at < rows; ) {
    const length = Math.min(rows - at, min + Math.floor(next() * (max - min + 1)));
    lengths.push(length);
    at += length;
  }
  return Int32Array.from(lengths);
}

describe('the Parquet encoder: runs, byte codes and small whole numbers, read back by DuckDB', () => {
  const reader = parquetReader('parquet-codes');

  const { query, write } = reader;
  const { encodings } = reader;
  const rowIds = (rows: number): ParquetColumn => ({ name: 'row', kind: 'double', values: Float64Array.from({ length: rows }, (_, i) => i) });
  const expand = <T>(lengths: Int32Array, values: ArrayLike<T>): T[] => Array.from(lengths).flatMap((length, i) => new Array<T>(length).fill(values[i] as T));

  describe('runs of a value per request', () => {
    const runColumns = (lengths: Int32Array, seed: number): { columns: ParquetColumn[]; expected: unknown[][] } => {
      const next = random(seed);
      const count = lengths.length;
      const stamps = Float64Array.from({ length: count }, (_, i) => T0 + i * 3 + Math.floor(next() * 3));
      // Negative, past 2^32, and a half that DuckDB's cast would round away from zero.
      const numbers = Float64Array.from({ length: count }, (_, i) => (i % 3 === 0 ? -(i * 2 ** 33) : i % 3 === 1 ? 2 ** 53 - 1 - i : i + 0.5));
      const ids = Array.from({ length: count }, (_, i) => (i % 17 === 0 ? `${UNICODE} ${i}` : i % 5 === 0 ? '' : `req-${i}`));
      const rows = lengths.reduce((sum, length) => sum + length, 0);
      const columns: ParquetColumn[] = [
        rowIds(rows),
        { name: 'ts', kind: 'timestamp-runs', lengths, values: stamps, count },
        { name: 'n', kind: 'int64-runs', lengths, values: numbers, count },
        { name: 'id', kind: 'text-runs', lengths, values: ids, count },
      ];
      const n = Array.from(numbers, (v) => String(v === Math.floor(v) ? v : Math.round(v)));
      const [ts, ns, id] = [expand(lengths, stamps), expand(lengths, n), expand(lengths, ids)];
      return { columns, expected: ts.map((stamp, i) => [i, stamp, ns[i], id[i]]) };
    };
    const select = (path: string): string => `SELECT row, epoch_ms(ts)::DOUBLE, n::VARCHAR, id FROM read_parquet('${path}') ORDER BY row`;

    it.each([
      ['one run over every row', Int32Array.of(5000)],
      ['300 runs of 8 to 24 rows (codes wider than a byte)', runLengths(4800, 8, 24, random(1))],
      ['runs of exactly 8 rows', new Int32Array(40).fill(8)],
    ])('writes long runs as a dictionary of the runs: %s', async (_, lengths) => {
      const { columns, expected } = runColumns(lengths, 7);
      const path = write(columns, expected.length);
      expect(await query(select(path))).toEqual(expected);
      const used = await encodings(path);
      for (const name of ['ts', 'n', 'id']) expect(used.get(name)).toContain('RLE_DICTIONARY');
      const stamps = expected.map((row) => row[1] as number);
      const stats = await query(`SELECT stats_min_value::TIMESTAMP = epoch_ms(${Math.min(...stamps)}::BIGINT), stats_max_value::TIMESTAMP = epoch_ms(${Math.max(...stamps)}::BIGINT) FROM parquet_metadata('${path}') WHERE path_in_schema = 'ts'`);
      expect(stats).toEqual([[true, true]]);
      expect(await query(`SELECT count(*)::DOUBLE FROM read_parquet('${path}') WHERE ts > epoch_ms(${Math.max(...stamps)}::BIGINT)`)).toEqual([[0]]);
    });

    it.each([
      ['runs of 1 to 3 rows', runLengths(3000, 1, 3, random(2)), 3000],
      ['one row a run', new Int32Array(50).fill(1), 50],
      ['runs of 7 rows', new Int32Array(30).fill(7), 210],
    ])('writes short runs as the plain column they make, every value exact: %s', async (_, lengths, rows) => {
      const { columns, expected } = runColumns(lengths, 11);
      expect(expected).toHaveLength(rows);
      const path = write(columns, rows, { pageBytes: 1024 });
      expect(await query(select(path))).toEqual(expected);
      const used = await encodings(path);
      for (const name of ['ts', 'id']) expect(used.get(name)).not.toContain('RLE_DICTIONARY');
    });

    it('writes a run of a value past the int64 range (or NaN) as NULL, in the plain column', async () => {
      const lengths = Int32Array.of(10, 10, 10);
      const path = write([rowIds(30), { name: 'n', kind: 'int64-runs', lengths, values: Float64Array.of(4, Number.NaN, 2 ** 64), count: 3 }], 30);
      expect((await query(`SELECT n::DOUBLE FROM read_parquet('${path}') ORDER BY row`)).map((r) => r[0])).toEqual([...new Array(10).fill(4), ...new Array(20).fill(null)]);
    });

    it('refuses runs whose lengths do not add up to the rows, naming the column', () => {
      const runs = (kind: 'int64-runs' | 'timestamp-runs', lengths: Int32Array, count = lengths.length): ParquetColumn => ({ name: `${kind}-col`, kind, lengths, values: new Float64Array(lengths.length).fill(1), count });
      expect(() => encodeParquet([runs('timestamp-runs', Int32Array.of(40, 39))], 80)).toThrow(/Parquet column timestamp-runs-col has runs of 79 rows for 80 rows/);
      expect(() => encodeParquet([runs('int64-runs', Int32Array.of(40, 41))], 80)).toThrow(/int64-runs-col has runs of 81 rows/);
      // Only the first `count` runs count.
      expect(() => encodeParquet([runs('int64-runs', Int32Array.of(40, 40, 5), 2)], 85)).toThrow(/int64-runs-col has runs of 80 rows for 85 rows/);
      expect(() => encodeParquet([{ name: 'ids', kind: 'text-runs', lengths: Int32Array.of(3), values: ['a'], count: 1 }], 2)).toThrow(/Parquet column ids has runs of 3 rows for 2 rows/);
      expect(() => encodeParquet([{ name: 'ids', kind: 'text-runs', lengths: Int32Array.of(3, -1, 0), values: ['a', 'b', 'c'], count: 3 }], 2)).toThrow(/Parquet column ids has a run of -1 rows/);
    });

    it('writes a run of no rows as nothing', async () => {
      const lengths = Int32Array.of(0, 40, 0, 24, 0);
      const path = write([rowIds(64), { name: 'n', kind: 'int64-runs', lengths, values: Float64Array.of(1, 2, 3, 4, 5), count: 5 }, { name: 'id', kind: 'text-runs', lengths, values: ['a', 'b', 'c', 'd', 'e'], count: 5 }], 64);
      const want = Array.from({ length: 64 }, (_, i) => (i < 40 ? [2, 'b'] : [4, 'd']));
      expect(await query(`SELECT n::DOUBLE, id FROM read_parquet('${path}') ORDER BY row`)).toEqual(want);
      expect((await encodings(path)).get('id')).toContain('RLE_DICTIONARY');
    });
  });

  describe('byte codes', () => {
    const rows = 5003;
    const dictionary = Array.from({ length: 255 }, (_, i) => (i % 40 === 0 ? `${UNICODE} ${i}` : i === 1 ? '' : `v${i}`));
    const next = random(3);
    const dense = Uint8Array.from({ length: rows }, () => 1 + Math.floor(next() * 255));
    const holes = Uint8Array.from(dense, (code, i) => (i % 7 === 0 || (i > 2000 && i < 3100) ? 0 : code));
    const count = (codes: Uint8Array): number => codes.filter((code) => code === 0).length;
    const values = (codes: Uint8Array): unknown[] => Array.from(codes, (code) => (code === 0 ? null : dictionary[code - 1]));

    it.each([
      ['no nulls, no hint, one page', dense, undefined, undefined],
      ['no nulls, the hint, one page', dense, 0, undefined],
      ['nulls, no hint, one page', holes, undefined, undefined],
      ['nulls, the hint, one page', holes, count(holes), undefined],
      ['no nulls, no hint, pages of 1 kB', dense, undefined, 1024],
      ['no nulls, the hint, pages of 1 kB', dense, 0, 1024],
      ['nulls, no hint, pages of 1 kB', holes, undefined, 1024],
      ['nulls, the hint, pages of 1 kB', holes, count(holes), 1024],
    ])('reads back every value: %s', async (_, codes, nulls, pageBytes) => {
      const column: ParquetColumn = { name: 'c', kind: 'dictionary', codes, dictionary, ...(nulls === undefined ? {} : { nulls }) };
      const path = write([rowIds(rows), column], rows, pageBytes ? { pageBytes } : {});
      expect((await query(`SELECT c FROM read_parquet('${path}') ORDER BY row`)).map((r) => r[0])).toEqual(values(codes));
      expect((await encodings(path)).get('c')).toContain('RLE_DICTIONARY');
      const [[nullCount]] = (await query(`SELECT count(*) FILTER (WHERE c IS NULL)::DOUBLE FROM read_parquet('${path}')`)) as [[number]];
      expect(nullCount).toBe(count(codes));
    });

    it('writes codes of every value null (bytes or not, hinted or not), of a dictionary of one, and of none', async () => {
      const path = write(
        [
          rowIds(11),
          { name: 'none', kind: 'dictionary', codes: new Uint8Array(11), dictionary: ['unused'], nulls: 11 },
          { name: 'unhinted', kind: 'dictionary', codes: new Uint8Array(11), dictionary: ['unused'] },
          { name: 'wide', kind: 'dictionary', codes: new Int32Array(11), dictionary: ['unused'] },
          { name: 'one', kind: 'dictionary', codes: Uint8Array.from({ length: 11 }, (_, i) => i % 2), dictionary: ['only'] },
          { name: 'empty', kind: 'dictionary', codes: new Uint8Array(11), dictionary: [] },
        ],
        11,
      );
      const got = await query(`SELECT "none", unhinted, wide, one, empty FROM read_parquet('${path}') ORDER BY row`);
      expect(got).toEqual(Array.from({ length: 11 }, (_, i) => [null, null, null, i % 2 ? 'only' : null, null]));
    });

    it('writes pages of nulls only between and after pages of values', async () => {
      const codes = Uint8Array.from({ length: rows }, (_, i) => (i < 1024 || (i >= 2048 && i < 3072) ? 0 : dense[i] as number));
      const path = write([rowIds(rows), { name: 'c', kind: 'dictionary', codes, dictionary }, { name: 'h', kind: 'dictionary', codes, dictionary, nulls: count(codes) }], rows, { pageBytes: 1024 });
      const want = values(codes);
      expect(await query(`SELECT c, h FROM read_parquet('${path}') ORDER BY row`)).toEqual(want.map((v) => [v, v]));
    });

    it('writes byte codes straight from the array when zeros pad them to a group of 8, else from a copy, and both read back the same', async () => {
      // 5003 codes: 5 of padding. Past them, in the same array, a code the dictionary does not have.
      const padded = new Uint8Array(rows + 16).fill(255);
      padded.set(dense);
      padded.fill(0, rows, rows + 5);
      const garbage = Uint8Array.from(padded).fill(200, rows, rows + 5);
      const sharing = (codes: Uint8Array): boolean => encodeParquet([{ name: 'c', kind: 'dictionary', codes, dictionary, nulls: 0 }], rows).some((part) => part.buffer === codes.buffer);
      expect(sharing(padded.subarray(0, rows))).toBe(true);
      expect(sharing(garbage.subarray(0, rows))).toBe(false);
      // Too close to the end of the array for the padding: copied.
      expect(sharing(Uint8Array.from(dense))).toBe(false);
      for (const codes of [padded, garbage]) {
        const path = write([rowIds(rows), { name: 'c', kind: 'dictionary', codes: codes.subarray(0, rows), dictionary, nulls: 0 }], rows);
        expect((await query(`SELECT c FROM read_parquet('${path}') ORDER BY row`)).map((r) => r[0])).toEqual(values(dense));
      }
    });

    it('refuses byte codes for more than 255 values, and a code past the dictionary', () => {
      const wide = Array.from({ length: 256 }, (_, i) => `v${i}`);
      expect(() => encodeParquet([{ name: 'wide', kind: 'dictionary', codes: Uint8Array.of(1), dictionary: wide }], 1)).toThrow(/Parquet column wide: byte codes for a dictionary of 256 values/);
      expect(() => encodeParquet([{ name: 'c', kind: 'dictionary', codes: Uint8Array.of(1, 3), dictionary: ['a', 'b'] }], 2)).toThrow(/outside a dictionary of 2/);
      expect(() => encodeParquet([{ name: 'c', kind: 'dictionary', codes: Uint8Array.of(0, 1, 3), dictionary: ['a', 'b'] }], 3, { pageBytes: 1024 })).toThrow(/outside/);
    });
  });

  describe('int64 columns of small whole numbers', () => {
    const rows = 4000;
    const small = Float64Array.from({ length: rows }, (_, i) => (i % 11 === 0 ? Number.NaN : (i * 7919) % 97 === 0 ? 65_535 : i % 5));
    const exact = (values: Float64Array): (string | null)[] => Array.from(values, (v) => (Number.isNaN(v) ? null : String(v === Math.floor(v) ? v : Math.round(v))));
    const read = async (path: string, name: string): Promise<unknown[]> => (await query(`SELECT "${name}"::VARCHAR FROM read_parquet('${path}') ORDER BY row`)).map((r) => r[0]);

    it('writes them as a dictionary: NaN as NULL, every value exact, with their range', async () => {
      // Pages of 1024 rows: the second and the last two hold no value at all.
      const gaps = Float64Array.from(small, (v, i) => ((i >= 1024 && i < 2048) || i >= 3000 ? Number.NaN : v));
      const path = write([rowIds(rows), { name: 'n', kind: 'int64', values: small }, { name: 'gaps', kind: 'int64', values: gaps }], rows, { pageBytes: 1024 });
      expect(await read(path, 'n')).toEqual(exact(small));
      expect(await read(path, 'gaps')).toEqual(exact(gaps));
      const used = await encodings(path);
      for (const name of ['n', 'gaps']) expect(used.get(name)).toContain('RLE_DICTIONARY');
      expect(await query(`SELECT stats_min_value, stats_max_value FROM parquet_metadata('${path}') WHERE path_in_schema = 'n'`)).toEqual([['0', '65535']]);
    });

    it.each([
      ['one value of 65536', 65_536],
      ['one fraction', 2.5],
      ['one negative value', -1],
    ])('falls back to the plain column, every value still exact: %s', async (_, odd) => {
      for (const at of [0, 1234, rows - 1]) {
        const values = small.slice();
        values[at] = odd;
        // A column of the same small values after it: what the one before left in the lookup table must not leak into it.
        const path = write([rowIds(rows), { name: 'n', kind: 'int64', values }, { name: 'm', kind: 'int64', values: small }], rows);
        expect(await read(path, 'n')).toEqual(exact(values));
        expect(await read(path, 'm')).toEqual(exact(small));
        const used = await encodings(path);
        expect(used.get('n')).not.toContain('RLE_DICTIONARY');
        expect(used.get('m')).toContain('RLE_DICTIONARY');
      }
    });

    it('falls back to the plain column past min(4096, rows / 8) distinct values', async () => {
      const few = Float64Array.from({ length: 80 }, (_, i) => i % 10);
      const many = Float64Array.from({ length: 80 }, (_, i) => i % 11);
      const wide = Float64Array.from({ length: 40_000 }, (_, i) => (i * 13) % 4097);
      const path = write([rowIds(80), { name: 'few', kind: 'int64', values: few }, { name: 'many', kind: 'int64', values: many }], 80);
      expect(await read(path, 'few')).toEqual(exact(few));
      expect(await read(path, 'many')).toEqual(exact(many));
      const used = await encodings(path);
      expect(used.get('few')).toContain('RLE_DICTIONARY');
      expect(used.get('many')).not.toContain('RLE_DICTIONARY');
      const widePath = write([rowIds(40_000), { name: 'wide', kind: 'int64', values: wide }], 40_000);
      expect(await read(widePath, 'wide')).toEqual(exact(wide));
      expect((await encodings(widePath)).get('wide')).not.toContain('RLE_DICTIONARY');
    });
  });
});
