import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../data';
import { failure, tempDir } from '../../../test/helpers';
import { loadFrame, type FrameColumn } from './index';

const home = tempDir('workbench-frame-');
let engine: Engine;

beforeAll(async () => {
  engine = await createEngine({ tempDirectory: join(home.path, 'spill'), threads: 1 });
  await engine.execute(`CREATE TABLE t AS SELECT * FROM (VALUES
    (1, 2.5::DECIMAL(5,2), 'red', true, DATE '2020-01-02', TIMESTAMP '2021-03-04 05:06:07.5', 'nan'::DOUBLE, 9007199254740993::BIGINT, 'a'),
    (2, NULL, NULL, false, NULL, NULL, 'inf'::DOUBLE, -3, 'b'),
    (NULL, -1.25, 'blue', NULL, DATE '1969-12-31', TIMESTAMP '1970-01-01 00:00:00', '-inf'::DOUBLE, 0, 'c')
  ) AS v(n, d, s, b, day, ts, x, big, "odd ""name"" col")`);
});

afterAll(() => {
  engine.close();
  home.cleanup();
});

function byName(columns: FrameColumn[], name: string): FrameColumn {
  const found = columns.find((c) => c.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

describe('loadFrame', () => {
  it('reads numbers as doubles, text and booleans as text, dates as epoch milliseconds', async () => {
    const frame = await loadFrame(engine, 't', ['n', 'd', 's', 'b', 'day', 'ts', 'x', 'big', 'odd "name" col']);
    expect(frame.rows).toBe(3);
    expect(frame.columns.map((c) => c.name)).toEqual(['n', 'd', 's', 'b', 'day', 'ts', 'x', 'big', 'odd "name" col']);
    expect(byName(frame.columns, 'n')).toEqual({ name: 'n', kind: 'number', values: Float64Array.of(1, 2, NaN) });
    expect(byName(frame.columns, 'd')).toEqual({ name: 'd', kind: 'number', values: Float64Array.of(2.5, NaN, -1.25) });
    expect(byName(frame.columns, 's')).toEqual({ name: 's', kind: 'string', values: ['red', null, 'blue'] });
    expect(byName(frame.columns, 'b')).toEqual({ name: 'b', kind: 'string', values: ['true', 'false', null] });
    expect(byName(frame.columns, 'day')).toEqual({ name: 'day', kind: 'number', date: true, values: Float64Array.of(Date.UTC(2020, 0, 2), NaN, Date.UTC(1969, 11, 31)) });
    expect(byName(frame.columns, 'ts')).toEqual({ name: 'ts', kind: 'number', date: true, values: Float64Array.of(Date.UTC(2021, 2, 4, 5, 6, 7, 500), NaN, 0) });
    // NaN is missing; infinities stay for the checks to name.
    expect(byName(frame.columns, 'x')).toEqual({ name: 'x', kind: 'number', values: Float64Array.of(NaN, Infinity, -Infinity) });
    expect(byName(frame.columns, 'big')).toEqual({ name: 'big', kind: 'number', values: Float64Array.of(9007199254740992, -3, 0) });
    expect(byName(frame.columns, 'odd "name" col')).toEqual({ name: 'odd "name" col', kind: 'string', values: ['a', 'b', 'c'] });
  });

  it('reads a query as the relation, only the columns asked for', async () => {
    const frame = await loadFrame(engine, '(SELECT s, n * 10 AS tens FROM t WHERE n IS NOT NULL ORDER BY n DESC)', ['tens']);
    expect(frame).toEqual({ rows: 2, columns: [{ name: 'tens', kind: 'number', values: Float64Array.of(20, 10) }] });
  });

  it('counts the rows of an empty relation', async () => {
    expect(await loadFrame(engine, '(SELECT * FROM t WHERE false)', ['n'])).toEqual({ rows: 0, columns: [{ name: 'n', kind: 'number', values: new Float64Array(0) }] });
  });

  it('names the columns the relation lacks', async () => {
    const error = await failure(loadFrame(engine, 't', ['n', 'tenure', 'churn']));
    expect(error.code).toBe('training_bad_data');
    expect(error.message).toBe('The dataset has no column "tenure", "churn".');
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    expect((await failure(loadFrame(engine, 't', ['n'], controller.signal))).code).toBe('cancelled');
  });
});
