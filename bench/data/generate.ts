/**
 * The benchmark's data: N rows of 20 mixed columns, written once to Parquet and
 * to CSV from the same in-memory table, so both files hold the same values.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A standard normal draw (Box-Muller); `1 - random()` keeps ln() away from 0. */
const normal = 'sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())';

/** Ten DOUBLEs with different shapes, so histograms and quantiles are not all alike. */
const doubles = [
  'random() * 1000', // uniform 0..1000: the histogram query bins it by 10
  normal,
  `100 + 15 * ${normal}`,
  '-ln(1 - random())', // exponential
  `exp(${normal})`, // log-normal: a long right tail
  '2 * random() - 1',
  'CASE WHEN random() < 0.05 THEN NULL ELSE random() END', // 5 % missing
  'random() * random()',
  '1e6 * random()',
  `round(50 + 10 * ${normal})`, // few distinct values
].map((expr, i) => `round(${expr}, 6)::DOUBLE AS d${i}`);

const bigints = [
  'range', // an id
  'floor(random() * 100)',
  'floor(random() * 1e6)',
  'floor(-ln(1 - random()) * 1000)', // skewed counts
  'floor(random() * 2)', // a 0/1 label
].map((expr, i) => `${expr}::BIGINT AS i${i}`);

/** Category columns by their number of distinct values; skewed, so top values mean something. */
export const CATEGORY_SIZES = [3, 10, 100, 1000, 5000] as const;
const categories = CATEGORY_SIZES.map((k) => `'v' || floor(pow(random(), 2) * ${k})::BIGINT AS c${k}`);

export const COLUMNS = 20;

export const sqlLiteral = (text: string): string => `'${text.replaceAll("'", "''")}'`;

export interface Generated {
  parquet: string;
  csv: string;
  parquetBytes: number;
  csvBytes: number;
  /** Seconds spent generating; 0 when the files were reused from an earlier `--keep` run. */
  seconds: number;
  reused: boolean;
}

/**
 * Writes `data.parquet` and `data.csv` under `directory`, or reuses them when a
 * finished earlier run left them there (its marker file says so).
 */
export async function generate(directory: string, rows: number, log: (line: string) => void): Promise<Generated> {
  const parquet = join(directory, 'data.parquet');
  const csv = join(directory, 'data.csv');
  const marker = join(directory, 'complete');
  const sizes = (): Pick<Generated, 'parquetBytes' | 'csvBytes'> => ({ parquetBytes: statSync(parquet).size, csvBytes: statSync(csv).size });
  if (existsSync(marker) && existsSync(parquet) && existsSync(csv)) {
    log(`reusing the data in ${directory}`);
    return { parquet, csv, ...sizes(), seconds: 0, reused: true };
  }
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  const started = performance.now();
  const instance = await DuckDBInstance.create(':memory:', { temp_directory: join(directory, 'spill') });
  const connection = await instance.connect();
  try {
    log(`generating ${rows.toLocaleString('en-US')} rows x ${COLUMNS} columns`);
    await connection.run(`CREATE TABLE data AS SELECT ${[...doubles, ...bigints, ...categories].join(', ')} FROM range(${rows})`);
    log('writing Parquet');
    await connection.run(`COPY data TO ${sqlLiteral(parquet)} (FORMAT parquet)`);
    log('writing CSV');
    await connection.run(`COPY data TO ${sqlLiteral(csv)} (FORMAT csv, HEADER)`);
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(join(directory, 'spill'), { recursive: true, force: true });
  }
  writeFileSync(marker, `${rows}\n`);
  return { parquet, csv, ...sizes(), seconds: (performance.now() - started) / 1000, reused: false };
}
