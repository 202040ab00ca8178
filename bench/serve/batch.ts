/**
 * bench/serve/batch: batch scoring (`scoring.batch`, the same code as
 * `workbench models predict`) of a synthetic churn table, 10 million rows by
 * default, in Parquet, with a churn-shaped model (4 numeric and 15 categorical
 * inputs, standardised and one-hot: 45 features, an MLP 45→32→1, exported to
 * ONNX and registered).
 *
 * The floor is onnxruntime run directly over the same chunks: the same Parquet
 * read by DuckDB with the batch's own SELECT and conversion, in the same chunks,
 * turned into tensors, and only `session.run` timed, on a session over the same
 * ONNX file with the scorer's options. Batch scoring's rows per second are
 * printed against the floor's, with the ratio, and against the floor plus that
 * same read (what is left is the scorer's checks and writing the Parquet file of
 * every input column plus the predictions).
 *
 *   npm run bench:batch [-- --rows 10000000] [--chunk 65536]
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { createBackend } from '../../electron/backend';
import { quoteLiteral } from '../../electron/data';
import { seededRandom } from '../../electron/evaluation';
import { silentLogger } from '../../electron/log';
import { exportRunModel, readPackage } from '../../electron/packaging';
import { InputBatch, planInputs, streamSelect, useDictionaries } from '../../electron/scoring/inputs';
import type { FittedColumn, FittedPipeline } from '../../electron/training/pipeline/fitted';
import type { ModelWeights } from '../../electron/training/engine/types';
import { countOption } from '../options';

const ROWS = countOption('--rows', 10_000_000);
const CHUNK = countOption('--chunk', 65_536);
const log = (line: string): void => void process.stderr.write(`bench/batch: ${line}\n`);

const yesNo = ['No', 'Yes'];
const internet = ['No', 'Yes', 'No internet service'];
const categories: Record<string, string[]> = {
  gender: ['Female', 'Male'],
  Partner: yesNo,
  Dependents: yesNo,
  PhoneService: yesNo,
  MultipleLines: ['No', 'Yes', 'No phone service'],
  InternetService: ['DSL', 'Fiber optic', 'No'],
  OnlineSecurity: internet,
  OnlineBackup: internet,
  DeviceProtection: internet,
  TechSupport: internet,
  StreamingTV: internet,
  StreamingMovies: internet,
  Contract: ['Month-to-month', 'One year', 'Two year'],
  PaperlessBilling: yesNo,
  PaymentMethod: ['Electronic check', 'Mailed check', 'Bank transfer (automatic)', 'Credit card (automatic)'],
};
const numeric: Record<string, { mean: number; scale: number }> = {
  SeniorCitizen: { mean: 0.16, scale: 0.37 },
  tenure: { mean: 32, scale: 24 },
  MonthlyCharges: { mean: 65, scale: 30 },
  TotalCharges: { mean: 2280, scale: 2266 },
};

/** The churn sample's columns, in its order, from hashes of the row number: the same table on every run. */
function churnSelect(rows: number): string {
  const pick = (column: string, salt: number): string => {
    const values = categories[column] ?? [];
    return `[${values.map(quoteLiteral).join(', ')}][(hash(i, ${salt}) % ${values.length})::INTEGER + 1] AS "${column}"`;
  };
  return `SELECT printf('%04d-%s', i % 10000, upper(substr(md5(i::VARCHAR), 1, 5))) AS "customerID", ${pick('gender', 1)},
    (hash(i, 2) % 100 < 16)::BIGINT AS "SeniorCitizen", ${pick('Partner', 3)}, ${pick('Dependents', 4)},
    (hash(i, 5) % 73)::BIGINT AS tenure, ${['PhoneService', 'MultipleLines', 'InternetService', 'OnlineSecurity', 'OnlineBackup', 'DeviceProtection', 'TechSupport', 'StreamingTV', 'StreamingMovies', 'Contract', 'PaperlessBilling', 'PaymentMethod'].map((c, k) => pick(c, 10 + k)).join(', ')},
    round(18.25 + (hash(i, 30) % 10100) / 100.0, 2) AS "MonthlyCharges", round((hash(i, 5) % 73) * (18.25 + (hash(i, 30) % 10100) / 100.0), 2) AS "TotalCharges",
    ['No', 'Yes'][(hash(i, 40) % 4 = 0)::INTEGER + 1] AS "Churn"
  FROM range(${rows}) t(i)`;
}

function churnModel(): { fitted: FittedPipeline; weights: ModelWeights } {
  const columns: FittedColumn[] = [
    ...Object.entries(numeric).map(([column, { mean, scale }]): FittedColumn => ({
      column,
      role: 'numeric',
      source: 'number',
      steps: [{ op: 'impute', fill: mean }, { op: 'standardize', mean, scale }],
      outputs: [column],
    })),
    ...Object.entries(categories).map(([column, values]): FittedColumn => ({
      column,
      role: 'categorical',
      source: 'string',
      steps: [{ op: 'onehot', categories: values, infrequent: [] }],
      outputs: values.map((value) => `${column}=${value}`),
    })),
  ];
  const width = columns.reduce((sum, c) => sum + c.outputs.length, 0);
  const random = seededRandom(11);
  const dense = (inputs: number, units: number, activation: 'relu' | 'sigmoid') => ({
    inputs,
    units,
    activation,
    kernel: Array.from({ length: inputs * units }, () => (random() - 0.5) * (2 / Math.sqrt(inputs))),
    bias: Array.from({ length: units }, () => (random() - 0.5) * 0.1),
  });
  return {
    fitted: { format: 1, target: 'Churn', task: 'binary', classes: ['No', 'Yes'], inputColumns: columns.map((c) => c.column), columns, width },
    weights: { format: 'workbench-dense-v1', task: 'binary', classes: 2, inputWidth: width, output: 'sigmoid', layers: [dense(width, 32, 'relu'), dense(32, 1, 'sigmoid')] },
  };
}

const home = join(tmpdir(), `workbench-bench-batch-${process.pid}`);
mkdirSync(join(home, 'ws'), { recursive: true });
const backend = createBackend({ mode: 'server', appHome: join(home, 'app'), sampleDir: join(home, 'sample'), resourcesDir: join(import.meta.dirname, '..', '..', 'resources'), log: silentLogger, background: false });
try {
  backend.workspace.open(join(home, 'ws'));
  const engine = await backend.data.engine();
  const input = join(home, 'churn.parquet');
  let started = performance.now();
  await engine.execute(`COPY (${churnSelect(ROWS)}) TO ${quoteLiteral(input)} (FORMAT parquet)`);
  log(`generated ${ROWS.toLocaleString('en-US')} rows (${(statSync(input).size / 2 ** 20).toFixed(0)} MiB) in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const { fitted, weights } = churnModel();
  const packageDir = join(home, 'package');
  const example = await engine.query(`SELECT * FROM read_parquet(${quoteLiteral(input)}) LIMIT 5`);
  await exportRunModel({
    dir: packageDir,
    fitted,
    weights,
    example: {
      rows: example.rows.length,
      columns: Object.fromEntries(example.columns.map((c, k) => [c.name, c.type === 'VARCHAR' ? example.rows.map((row) => String(row[k])) : example.rows.map((row) => Number(row[k]))])),
    },
  });
  const version = await backend.registry.importModel({ path: packageDir, name: 'churn' });
  const uri = `models:/churn/${version.version}`;

  // The floor: the same read (the batch's own SELECT and conversion, in the same chunks), the
  // chunks turned into tensors, and only session.run timed, on a session with the scorer's options.
  const { onnxFile, signature } = await readPackage(packageDir);
  const session = await ort.InferenceSession.create(onnxFile, { executionProviders: ['cpu'], graphOptimizationLevel: 'all' });
  const floor = { seconds: 0, rows: 0, wall: performance.now() };
  const relation = `read_parquet(${quoteLiteral(input)})`;
  const described = await engine.query(`DESCRIBE SELECT * FROM ${relation}`);
  const never = new AbortController().signal;
  const plans = await useDictionaries(engine, relation, planInputs(signature, described.rows.map((r) => ({ name: String(r[0]), type: String(r[1]) })), 'bench'), never);
  const batch = new InputBatch(plans, 'bench', CHUNK);
  const run = async (): Promise<void> => {
    const rows = batch.rows;
    const { columns } = batch.take();
    const feeds = Object.fromEntries(
      Object.entries(columns).map(([name, values]) => [name, values instanceof Float64Array ? new ort.Tensor('float64', values, [rows]) : new ort.Tensor('string', Array.from(values as ArrayLike<string>), [rows])]),
    );
    const started = performance.now();
    await session.run(feeds);
    floor.seconds += (performance.now() - started) / 1000;
    floor.rows += rows;
  };
  await engine.connect(async (connection) => {
    const result = await connection.stream(streamSelect(plans, relation));
    for (let read = 0; ; ) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (let offset = 0; offset < chunk.rowCount; ) {
        const take = Math.min(chunk.rowCount - offset, CHUNK - batch.rows);
        batch.add(chunk, read, offset, offset + take);
        offset += take;
        if (batch.rows >= CHUNK) await run();
      }
      read += chunk.rowCount;
    }
    if (batch.rows > 0) await run();
  });
  floor.wall = (performance.now() - floor.wall) / 1000;
  await session.release();
  log(`floor: session.run over ${floor.rows.toLocaleString('en-US')} rows: ${floor.seconds.toFixed(2)} s of run() (${floor.wall.toFixed(1)} s with reading)`);

  const output = join(home, 'scored.parquet');
  started = performance.now();
  const scored = await backend.scoring.batch(
    { model: uri, input, output: { kind: 'parquet', path: output }, column: 'prediction', chunkRows: CHUNK },
    { signal: new AbortController().signal, progress: () => undefined },
  );
  const seconds = (performance.now() - started) / 1000;
  log(`batch: ${scored.rows.toLocaleString('en-US')} rows in ${seconds.toFixed(2)} s, ${(statSync(output).size / 2 ** 20).toFixed(0)} MiB written`);

  const ours = scored.rows / seconds;
  const floorRate = floor.rows / floor.seconds;
  const table = [
    ['', 'rows', 'seconds', 'rows/s'],
    ['batch scoring (read, score, write Parquet)', scored.rows, seconds.toFixed(2), Math.round(ours)],
    ['floor: onnxruntime session.run on the same chunks', floor.rows, floor.seconds.toFixed(2), Math.round(floorRate)],
    ['  the same, with the same read into tensors', floor.rows, floor.wall.toFixed(2), Math.round(floor.rows / floor.wall)],
  ];
  for (const row of table) process.stdout.write(`${String(row[0]).padEnd(52)}${String(row[1]).padStart(12)}${String(row[2]).padStart(10)}${String(row[3]).padStart(12)}\n`);
  process.stdout.write(`\nbatch scoring / floor (rows per second): ${(ours / floorRate).toFixed(2)}x  (chunks of ${CHUNK} rows)\n`);
  process.stdout.write(`batch scoring / (floor + the same read): ${((ours * floor.wall) / floor.rows).toFixed(2)}x  (what writing Parquet and the scorer's checks cost)\n`);
} finally {
  await backend.close();
  rmSync(home, { recursive: true, force: true });
}
