import { execFile } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestBackend, type TestBackend } from '../../test/backend';
import { failure, repoRoot } from '../../test/helpers';
import { quoteLiteral, type Engine } from '../data';
import { openScorer, type ColumnarInput, type ScoreResult } from '../packaging';
import { addToy, toySpec } from '../training/training-test-kit';

const MODEL = 'models:/toy/1';
const CLASSES = ['no', 'yes'];

/**
 * Batch scoring with a model trained for real (TF.js, exported to ONNX) and
 * registered; every prediction is checked against the same rows scored by
 * `openScorer` directly, on the same package.
 */
describe('batch scoring', () => {
  let t: TestBackend;
  let engine: Engine;
  let toyCsv = '';

  const read = async (sql: string): Promise<{ columns: string[]; rows: unknown[][] }> => {
    const result = await engine.query(sql);
    return { columns: result.columns.map((c) => c.name), rows: result.rows };
  };
  const parquet = (path: string): string => `read_parquet(${quoteLiteral(path)})`;

  /** What onnxruntime gives for these rows, through the package's own scorer. */
  const scoreDirectly = async (relation: string): Promise<ScoreResult> => {
    const { columns, rows } = await read(`SELECT x1, x2, colour FROM ${relation}`);
    const input: ColumnarInput = { rows: rows.length, columns: Object.fromEntries(columns.map((name, k) => [name, rows.map((row) => row[k]) as ArrayLike<number | null>])) };
    const scorer = await openScorer(t.backend.registry.resolve(MODEL).packageDir);
    try {
      return await scorer.score(input);
    } finally {
      await scorer.release();
    }
  };

  /** The output's predictions, column by column, equal the direct scores. */
  const expectSameScores = async (output: string, direct: ScoreResult, column = 'prediction'): Promise<void> => {
    const names = [column, ...CLASSES.map((c) => `${column}_probability_${c}`)];
    const { rows } = await read(`SELECT ${names.map((n) => `"${n}"`).join(', ')} FROM ${parquet(output)}`);
    const outputs = ['prediction', ...CLASSES.map((c) => `probability_${c}`)];
    outputs.forEach((name, k) => {
      const expected = direct.outputs.find((o) => o.name === name)?.values;
      expect(expected, name).toBeDefined();
      expect(rows.map((row) => row[k])).toEqual(expected);
    });
  };

  beforeAll(async () => {
    t = await openTestBackend();
    const dataset = await addToy(t.client, t.workspace, 400);
    toyCsv = dataset.location;
    const started = await t.client.call('training.start', { spec: toySpec(dataset.name, { importance: false }), trigger: 'manual' });
    await t.backend.training.whenDone(started.queueId);
    await t.client.runJob('registry.registerRun', { runId: started.runId, name: 'toy' });
    engine = await t.backend.data.engine();
  }, 120_000);
  afterAll(async () => t.close());

  it('scores a dataset into a new Parquet file: the input columns, then the predictions', async () => {
    const output = join(t.workspace, 'out', 'toy-scored.parquet');
    const result = await t.client.runJob('scoring.batch', { model: MODEL, input: 'toy', output: { kind: 'parquet', path: output } });
    expect(result).toMatchObject({ rows: 400, output, model: 'toy', version: 1 });
    const { columns } = await read(`SELECT * FROM ${parquet(output)} LIMIT 0`);
    expect(columns).toEqual(['id', 'x1', 'x2', 'colour', 'label', 'prediction', 'prediction_probability_no', 'prediction_probability_yes']);
    const same = await read(`SELECT count(*) FROM ${parquet(output)} o POSITIONAL JOIN "toy" d WHERE o.id = d.id AND o.x1 IS NOT DISTINCT FROM d.x1 AND o.colour = d.colour`);
    expect(Number(same.rows[0]?.[0])).toBe(400);
    await expectSameScores(output, await scoreDirectly('"toy"'));
  });

  it('records the model version in the Parquet metadata', async () => {
    const output = join(t.workspace, 'out', 'meta.parquet');
    await t.client.runJob('scoring.batch', { model: 'models:/toy/1', input: 'toy', output: { kind: 'parquet', path: output } });
    const { rows } = await read(`SELECT decode(key), decode(value) FROM parquet_kv_metadata(${quoteLiteral(output)})`);
    const metadata = Object.fromEntries(rows as [string, string][]);
    expect(metadata).toMatchObject({ 'workbench.model_uri': MODEL, 'workbench.model_name': 'toy', 'workbench.model_version': '1', 'workbench.prediction_column': 'prediction' });
  });

  it('scores a CSV file in chunks into a new dataset of the workspace', async () => {
    const result = await t.client.runJob('scoring.batch', { model: MODEL, input: toyCsv, output: { kind: 'dataset', name: 'toy_scored' }, chunkRows: 64 });
    expect(result.output).toBe(join(t.workspace, 'data', 'scored', 'toy_scored.parquet'));
    const dataset = (await t.client.call('data.list', {})).find((d) => d.name === 'toy_scored');
    expect(dataset).toMatchObject({ format: 'parquet', rowCount: 400 });
    expect(dataset?.description).toContain('models:/toy/1');
    await expectSameScores(result.output, await scoreDirectly(`read_csv(${quoteLiteral(toyCsv)})`));
  });

  it('replaces an existing prediction column in place, across many chunks, from Parquet', async () => {
    const input = join(t.workspace, 'stale.parquet');
    // 5,200 rows: more than two of DuckDB's 2,048-row chunks, scored 1,000 at a time.
    await engine.execute(
      `COPY (SELECT t.id + 1000 * r.range AS id, x1, 'stale' AS prediction, x2, colour FROM "toy" t, range(13) r ORDER BY r.range, t.id) TO ${quoteLiteral(input)} (FORMAT parquet)`,
    );
    const output = join(t.workspace, 'fresh.parquet');
    const result = await t.client.runJob('scoring.batch', { model: MODEL, input, output: { kind: 'parquet', path: output }, chunkRows: 1000 });
    expect(result.rows).toBe(5200);
    const { columns } = await read(`SELECT * FROM ${parquet(output)} LIMIT 0`);
    expect(columns).toEqual(['id', 'x1', 'prediction', 'x2', 'colour', 'prediction_probability_no', 'prediction_probability_yes']);
    const ids = await read(`SELECT count(*) FROM ${parquet(output)} o POSITIONAL JOIN ${parquet(input)} i WHERE o.id = i.id`);
    expect(Number(ids.rows[0]?.[0])).toBe(5200);
    await expectSameScores(output, await scoreDirectly(parquet(input)));
  });

  it('reads a table of a DuckDB file, and names the predictions column as asked', async () => {
    const database = join(t.workspace, 'toy.duckdb');
    await engine.execute(`ATTACH ${quoteLiteral(database)} AS toy_db; CREATE TABLE toy_db.customers AS SELECT * FROM "toy"; DETACH toy_db`);
    const output = join(t.workspace, 'from-db.parquet');
    await t.client.runJob('scoring.batch', { model: MODEL, input: `${database}::customers`, output: { kind: 'parquet', path: output }, column: 'churn' });
    await expectSameScores(output, await scoreDirectly('"toy"'), 'churn');
  });

  it('scores a dataset defined by SQL, and text values the first rows did not show', async () => {
    // 9,000 rows; 'blue' only past the 8,192 rows the text dictionary is sampled from, so it arrives as text beside it.
    const sql = `SELECT t.id + 400 * r.range AS id, x1, x2, CASE WHEN t.id + 400 * r.range < 8400 AND colour = 'blue' THEN 'red' ELSE colour END AS colour
      FROM "toy" t, range(23) r WHERE t.id + 400 * r.range < 9000 ORDER BY r.range, t.id`;
    const { resultId } = await t.client.runJob('data.query', { sql });
    await t.client.runJob('data.saveResult', { resultId, name: 'toy_view', mode: 'view' });
    const output = join(t.workspace, 'view-scored.parquet');
    const result = await t.client.runJob('scoring.batch', { model: MODEL, input: 'toy_view', output: { kind: 'parquet', path: output }, chunkRows: 4096 });
    expect(result.rows).toBe(9000);
    const blue = await read(`SELECT min(id), count(*) FROM ${parquet(output)} WHERE colour = 'blue'`);
    expect(Number(blue.rows[0]?.[0])).toBeGreaterThanOrEqual(8400);
    expect(Number(blue.rows[0]?.[1])).toBeGreaterThan(100);
    await expectSameScores(output, await scoreDirectly(`(${sql})`));
  });

  it('scores from the command line: workbench models predict', async () => {
    const output = join(t.workspace, 'cli', 'scored.parquet');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'electron', 'cli', 'index.ts'), 'models', 'predict', '-m', MODEL, '-i', toyCsv, '-o', output, '-w', t.workspace],
      { cwd: repoRoot, env: { ...process.env, WORKBENCH_HOME: join(t.home, 'cli-home') } },
    );
    expect(stdout).toContain('400 rows scored by models:/toy/1');
    expect(stdout).toContain(output);
    await expectSameScores(output, await scoreDirectly(`read_csv(${quoteLiteral(toyCsv)})`));
  }, 60_000);

  it('leaves no file behind when cancelled mid-way', async () => {
    const input = join(t.workspace, 'many.parquet');
    await engine.execute(`COPY (SELECT t.* FROM "toy" t, range(50)) TO ${quoteLiteral(input)} (FORMAT parquet)`);
    const output = join(t.workspace, 'cancelled', 'never.parquet');
    const controller = new AbortController();
    const messages: string[] = [];
    const error = await failure(
      t.backend.scoring.batch(
        { model: MODEL, input, output: { kind: 'parquet', path: output }, column: 'prediction', chunkRows: 100 },
        {
          signal: controller.signal,
          progress: (_fraction, message) => {
            messages.push(message ?? '');
            if (message?.startsWith('Scored 300 of')) controller.abort();
          },
        },
      ),
    );
    expect(error.code).toBe('cancelled');
    expect(messages).toContain('Scored 300 of 20,000 rows');
    expect(messages.some((m) => m.startsWith('Scored 20,000'))).toBe(false);
    expect(existsSync(output)).toBe(false);
    expect(existsSync(dirname(output)) ? readdirSync(dirname(output)) : []).toEqual([]);
  });

  it('names a missing column before writing anything', async () => {
    const input = join(t.workspace, 'no-colour.csv');
    writeFileSync(input, 'id,x1,x2\n1,0.5,0.25\n');
    const output = join(t.workspace, 'missing.parquet');
    const error = await failure(t.client.runJob('scoring.batch', { model: MODEL, input, output: { kind: 'parquet', path: output } }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('"colour"');
    expect(existsSync(output)).toBe(false);
  });

  it('refuses an unknown model, an unreadable file, and text where the model wants numbers', async () => {
    const output = join(t.workspace, 'bad.parquet');
    expect(await failure(t.client.runJob('scoring.batch', { model: 'models:/nothing/1', input: 'toy', output: { kind: 'parquet', path: output } }))).toMatchObject({ code: 'not_found' });
    const garbage = join(t.workspace, 'garbage.parquet');
    writeFileSync(garbage, 'this is not parquet at all, only text pretending to be one');
    const unreadable = await failure(t.client.runJob('scoring.batch', { model: MODEL, input: garbage, output: { kind: 'parquet', path: output } }));
    expect(unreadable.code).toBe('data_unreadable');
    expect(unreadable.message).toContain(garbage);
    const words = join(t.workspace, 'words.csv');
    writeFileSync(words, 'x1,x2,colour\n0.5,0.25,red\nlots,0.5,blue\n');
    const wrong = await failure(t.client.runJob('scoring.batch', { model: MODEL, input: words, output: { kind: 'parquet', path: output } }));
    expect(wrong.code).toBe('invalid_input');
    expect(wrong.message).toMatch(/"x1".*row 2/);
    expect(existsSync(output)).toBe(false);
    const taken = await failure(t.client.runJob('scoring.batch', { model: MODEL, input: 'toy', output: { kind: 'dataset', name: 'toy' } }));
    expect(taken.code).toBe('dataset_exists');
  });

  it('writes an empty input as an empty file with the columns', async () => {
    const input = join(t.workspace, 'empty.parquet');
    await engine.execute(`COPY (SELECT * FROM "toy" LIMIT 0) TO ${quoteLiteral(input)} (FORMAT parquet)`);
    const output = join(t.workspace, 'empty-scored.parquet');
    expect(await t.client.runJob('scoring.batch', { model: MODEL, input, output: { kind: 'parquet', path: output } })).toMatchObject({ rows: 0 });
    const { columns, rows } = await read(`SELECT * FROM ${parquet(output)}`);
    expect(columns).toEqual(['id', 'x1', 'x2', 'colour', 'label', 'prediction', 'prediction_probability_no', 'prediction_probability_yes']);
    expect(rows).toEqual([]);
  });
});
