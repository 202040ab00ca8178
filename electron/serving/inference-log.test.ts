import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestBackend } from '../../test/backend';
import { recordingLogger, tempDir, waitFor } from '../../test/helpers';
import { createEngine, type Engine } from '../data';
import { logSchema, prepare, SegmentBuffer } from './inference-log-buffer';
import { listSegments } from './inference-log-files';
import { SegmentWriter } from './inference-log-writer';
import { InferenceLog, type InferenceLogSettings } from './inference-log';
import { createServingService, type ServingService } from './index';
import { expected, post, ROWS, servingBackend, V1 } from './testing';
import type { ColumnarInput, ScoreResult } from './types';

const RECORDS = JSON.stringify({ dataframe_records: ROWS });
const metric = (text: string, line: string): number => Number(new RegExp(`^${line.replace(/[{}"]/g, '\\$&')} (\\d+)$`, 'm').exec(text)?.[1] ?? Number.NaN);

describe('the inference log', () => {
  let t: TestBackend;
  let engine: Engine;
  beforeEach(async () => {
    t = await servingBackend();
    engine = await createEngine({ tempDirectory: join(t.home, 'duck') });
  });
  afterEach(async () => {
    engine.close();
    await t.close();
  });

  it('logs each scored request: its inputs as the signature names them, its predictions, as Parquet and as the dataset inference_churn', async () => {
    const { server } = await t.client.call('serving.start', { models: [{ uri: 'models:/churn@champion' }] });
    const first = await post(`${server.url}/invocations`, RECORDS, 'application/json', { 'x-request-id': 'client-42' });
    expect(first.headers.get('x-request-id')).toBe('client-42');
    const second = await post(`${server.url}/invocations`, JSON.stringify({ dataframe_records: ROWS.slice(0, 1) }));
    const generated = second.headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f]{8}-\d+$/);
    const before = Date.now();
    await t.backend.serving.flushInferenceLog(server.id);

    const segments = listSegments(join(t.workspace, '.workbench', 'inference', 'churn'));
    expect(segments).toHaveLength(1);
    expect(segments[0]?.path).toMatch(new RegExp(`inference/churn/${new Date().toISOString().slice(0, 10)}/\\d{13}-[0-9a-f]+\\.parquet$`));
    const { columns, rows } = await engine.query(`SELECT * FROM read_parquet('${segments[0]?.path ?? ''}') ORDER BY request_id <> 'client-42', tenure`);
    expect(columns.map((c) => `${c.name} ${c.type}`)).toEqual([
      'ts TIMESTAMP', 'request_id VARCHAR', 'model_version BIGINT', 'tenure DOUBLE', 'MonthlyCharges DOUBLE', 'Contract VARCHAR', 'SeniorCitizen BIGINT', 'prediction VARCHAR', 'probability_No DOUBLE', 'probability_Yes DOUBLE',
    ]);
    const want = expected(V1);
    // BIGINT arrives JSON-safe, as text.
    const logged = rows.map(([, id, version, tenure, monthly, contract, senior, prediction, no, yes]) => ({ id, version: Number(version), tenure, monthly, contract, senior: Number(senior), prediction, no, yes }));
    const byRow = (id: string, i: number): unknown => {
      const row = ROWS[i];
      const p = want[i];
      return { id, version: 1, tenure: row?.tenure, monthly: row?.MonthlyCharges, contract: row?.Contract, senior: row?.SeniorCitizen, prediction: p?.prediction, no: expect.closeTo(p?.probability_No ?? 0, 6), yes: expect.closeTo(p?.probability_Yes ?? 0, 6) };
    };
    // The client's request first, then by tenure: ROWS' tenures are 1, 40, 12.
    expect(logged).toEqual([byRow('client-42', 0), byRow('client-42', 2), byRow('client-42', 1), byRow(generated ?? '', 0)]);
    const ts = (await engine.query(`SELECT min(epoch_ms(ts)), max(epoch_ms(ts)) FROM read_parquet('${segments[0]?.path ?? ''}')`)).rows[0]?.map(Number) ?? [];
    expect(ts[0]).toBeGreaterThan(before - 60_000);
    expect(ts[1]).toBeLessThanOrEqual(before);

    const dataset = (await t.client.call('data.list', {})).find((d) => d.name === 'inference_churn');
    expect(dataset?.format).toBe('parquet');
    // A later segment shows in the dataset without registering it again.
    await post(`${server.url}/invocations`, RECORDS);
    await t.backend.serving.flushInferenceLog(server.id);
    const result = await t.client.runJob('data.query', { sql: "SELECT count(*) AS n, count(*) FILTER (WHERE prediction = 'Yes') AS yes FROM inference_churn" });
    expect(result.rows[0]?.map(Number)).toEqual([7, 2 * want.filter((p) => p.prediction === 'Yes').length + (want[0]?.prediction === 'Yes' ? 1 : 0)]);

    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metric(metrics, 'workbench_inference_log_rows_total{model="churn"}')).toBe(7);
    expect(metric(metrics, 'workbench_inference_log_written_rows_total{model="churn"}')).toBe(7);
    expect(metric(metrics, 'workbench_inference_log_dropped_rows_total{model="churn",reason="buffer_full"}')).toBe(0);
  });

  it('with logging off writes nothing and adds no request ID', async () => {
    const { server } = await t.client.call('serving.start', { models: [{ uri: 'models:/churn@champion' }], inferenceLog: false });
    const answer = await post(`${server.url}/invocations`, RECORDS);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-request-id')).toBeNull();
    await t.client.call('serving.stop', { id: server.id });
    expect(existsSync(join(t.workspace, '.workbench', 'inference'))).toBe(false);
    expect((await t.client.call('data.list', {})).some((d) => d.name.startsWith('inference_'))).toBe(false);
    expect(await (await fetch(`${server.url}/metrics`).catch(() => null))?.text()).toBeUndefined();
  });

  it('writes text that stops repeating (past the dictionary) as it is, missing values as NULL', async () => {
    const signature = { inputs: [{ name: 'x', type: 'double' }, { name: 'note', type: 'string' }, { name: 'n', type: 'long' }], outputs: [{ name: 'prediction', type: 'double' }] } as const;
    const buffer = new SegmentBuffer(logSchema(structuredClone(signature) as never), 60);
    for (let i = 0; i < 20; i++) {
      const note = Array.from({ length: 3 }, (_, r) => (r === 1 ? null : `note ${i}-${r}`));
      const x = Float64Array.from([i, Number.NaN, i + 0.5]);
      expect(buffer.append(1_700_000_000_000 + i, `id-${i}`, 2, { rows: 3, columns: { x, note, n: Float64Array.from([i, i, i]) } }, [{ name: 'prediction', dims: [3], values: [i, i, i] }], 3)).toBe(true);
    }
    expect(buffer.append(0, 'full', 2, { rows: 1, columns: {} }, [], 1)).toBe(false);
    const writer = new SegmentWriter();
    const target = join(t.home, 'seg', 'one.parquet');
    try {
      expect((await writer.write(target, buffer)).rows).toBe(60);
    } finally {
      await writer.close();
    }
    const { rows } = await engine.query(`SELECT count(*), count(DISTINCT note), count(note), count(x), sum(n), count(DISTINCT request_id), min(epoch_ms(ts)), max(model_version) FROM read_parquet('${target}')`);
    expect(rows[0]?.map(Number)).toEqual([60, 40, 40, 40, 3 * 190, 20, 1_700_000_000_000, 2]);
    const last = (await engine.query(`SELECT note, x FROM read_parquet('${target}') WHERE request_id = 'id-19' ORDER BY x NULLS FIRST`)).rows;
    expect(last).toEqual([[null, null], ['note 19-0', 19], ['note 19-2', 19.5]]);
  });

  it('keeps every kind of column apart: numbers, flags, text inputs and a text output, one-row requests (kept row by row) and larger ones mixed, one text column past its dictionary', async () => {
    const signature = {
      inputs: [{ name: 'flag', type: 'boolean' }, { name: 'city', type: 'string' }, { name: 'x', type: 'double' }, { name: 'plan', type: 'string' }],
      outputs: [{ name: 'label', type: 'string' }, { name: 'score', type: 'double' }],
    } as const;
    const schema = logSchema(structuredClone(signature) as never);
    const buffer = new SegmentBuffer(schema, 400);
    const want: unknown[][] = [];
    for (let i = 0; i < 80; i++) {
      const rows = i % 3 === 0 ? 9 : 1;
      const flag = Array.from({ length: rows }, (_, r) => ((i + r) % 3 === 0 ? null : (i + r) % 3 === 1));
      const city = Array.from({ length: rows }, (_, r) => (r === 2 ? null : `c${(i + r) % 4}`));
      const x = Float64Array.from({ length: rows }, (_, r) => i * 10 + r);
      // A new plan every row: the column passes 255 values part way through.
      const plan = Array.from({ length: rows }, (_, r) => `p${i}-${r}`);
      const label = Array.from({ length: rows }, (_, r) => (r % 2 ? 'Yes' : 'No'));
      const score = Array.from({ length: rows }, (_, r) => i + r / 10);
      const input = { rows, columns: { flag, city, x, plan } };
      expect(buffer.append(1_700_000_000_000 + i, `id-${i}`, 4, input, [{ name: 'label', dims: [rows], values: label }, { name: 'score', dims: [rows], values: score }], rows, i % 2 ? prepare(schema, input) : null)).toBe(true);
      for (let r = 0; r < rows; r++) want.push([flag[r], city[r], x[r], plan[r], label[r], score[r], `id-${i}`]);
    }
    expect(want.length).toBeGreaterThan(255);
    expect(schema.coders[3]?.full).toBe(true);
    const target = join(t.home, 'seg', 'kinds.parquet');
    expect((await new SegmentWriter().write(target, buffer)).rows).toBe(want.length);
    const { rows } = await engine.query(`SELECT flag, city, x, plan, label, score, request_id FROM read_parquet('${target}') ORDER BY x`);
    expect(rows).toEqual(want);
  });

  describe('limits and failures, on a service of its own', () => {
    let serving: ServingService;
    const log = recordingLogger();
    const open = (settings: Partial<Omit<InferenceLogSettings, 'directory'>>, directory = join(t.workspace, '.workbench', 'inference')): ServingService => {
      serving = createServingService({ registry: t.backend.registry, log, emit: { request: () => undefined, changed: () => undefined }, inferenceLog: { ...settings, directory: () => directory } });
      return serving;
    };
    afterEach(async () => {
      log.lines.length = 0;
      await serving.close();
    });

    it('keeps the log under its size cap: the oldest segments go', async () => {
      const service = open({ maxBytes: 6000 });
      const { server } = await service.start({ models: [{ uri: 'models:/churn@champion' }] });
      for (let i = 0; i < 10; i++) {
        await post(`${server.url}/invocations`, RECORDS, 'application/json', { 'x-request-id': `r${i}` });
        await service.flushInferenceLog(server.id);
      }
      const dir = join(t.workspace, '.workbench', 'inference', 'churn');
      const segments = listSegments(dir);
      const total = segments.reduce((sum, s) => sum + s.bytes, 0);
      expect(total).toBeLessThanOrEqual(6000);
      expect(segments.length).toBeGreaterThan(0);
      expect(segments.length).toBeLessThan(10);
      const ids = (await engine.query(`SELECT DISTINCT request_id FROM read_parquet('${join(dir, '**', '*.parquet')}') ORDER BY 1`)).rows.map((r) => r[0]);
      // The newest ones are what is left.
      expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => `r${i}`).slice(10 - segments.length));
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metric(metrics, 'workbench_inference_log_segments_removed_total{model="churn"}')).toBe(10 - segments.length);
      expect(metric(metrics, 'workbench_inference_log_bytes{model="churn"}')).toBe(total);
    });

    it('writes what came in during a write at once, not at the next request or the timer', async () => {
      const service = open({ flushRows: 3, flushMs: 60_000 });
      const { server } = await service.start({ models: [{ uri: 'models:/churn@champion' }] });
      // Each request is a segment's worth; most arrive while an earlier one is being written.
      await Promise.all(Array.from({ length: 12 }, (_, i) => post(`${server.url}/invocations`, RECORDS, 'application/json', { 'x-request-id': `burst${i}` })));
      let written = 0;
      for (let waited = 0; waited < 10_000 && written < 36; waited += 50) {
        written = metric(await (await fetch(`${server.url}/metrics`)).text(), 'workbench_inference_log_written_rows_total{model="churn"}');
        if (written < 36) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(written).toBe(36);
    });

    const churnDir = (): string => join(t.workspace, '.workbench', 'inference', 'churn');
    const written = async (url: string): Promise<number> => metric(await (await fetch(`${url}/metrics`)).text(), 'workbench_inference_log_written_rows_total{model="churn"}');
    /** Polls `/metrics` until `rows` rows are written or `ms` have passed; answers the rows written. */
    const waitWritten = async (url: string, rows: number, ms: number): Promise<number> => {
      const until = Date.now() + ms;
      let now = await written(url);
      while (now < rows && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        now = await written(url);
      }
      return now;
    };

    it('writes a buffer far from full at the latest flushMs after its first row, with no flush asked for', async () => {
      const service = open({ flushRows: 100_000, flushMs: 200 });
      const { server } = await service.start({ models: [{ uri: 'models:/churn@champion' }] });
      await post(`${server.url}/invocations`, RECORDS, 'application/json', { 'x-request-id': 'alone' });
      expect(await waitWritten(server.url, 3, 2000)).toBe(3);
      const segments = listSegments(churnDir());
      expect(segments).toHaveLength(1);
      const { rows } = await engine.query(`SELECT request_id, Contract FROM read_parquet('${segments[0]?.path ?? ''}') ORDER BY tenure`);
      expect(rows).toEqual([['alone', 'Month-to-month'], ['alone', 'One year'], ['alone', 'Two year']]);
      // A second request, after the first was written, is written on its own time too.
      await post(`${server.url}/invocations`, RECORDS, 'application/json', { 'x-request-id': 'later' });
      expect(await waitWritten(server.url, 6, 2000)).toBe(6);
      expect(listSegments(churnDir())).toHaveLength(2);
    });

    it('writes each full buffer promptly, on its own (flushRows = a request), reusing the buffers', async () => {
      const service = open({ flushRows: 3, flushMs: 60_000 });
      const { server } = await service.start({ models: [{ uri: 'models:/churn@champion' }] });
      for (let i = 0; i < 5; i++) {
        await post(`${server.url}/invocations`, RECORDS, 'application/json', { 'x-request-id': `full${i}` });
        expect(await waitWritten(server.url, 3 * (i + 1), 2000)).toBe(3 * (i + 1));
      }
      expect(listSegments(churnDir())).toHaveLength(5);
      const { rows } = await engine.query(`SELECT request_id, count(*)::INTEGER, count(DISTINCT filename)::INTEGER, string_agg(Contract, ',' ORDER BY tenure) FROM read_parquet('${join(churnDir(), '**', '*.parquet')}', filename = true) GROUP BY 1 ORDER BY 1`);
      expect(rows).toEqual(Array.from({ length: 5 }, (_, i) => [`full${i}`, 3, 1, 'Month-to-month,One year,Two year']));
    });

    it('deletes segments older than the retention', async () => {
      const service = open({ retentionDays: 30 });
      const dir = join(t.workspace, '.workbench', 'inference', 'churn');
      const first = await service.start({ models: [{ uri: 'models:/churn@champion' }] });
      for (const id of ['old-1', 'old-2']) await post(`${first.server.url}/invocations`, RECORDS, 'application/json', { 'x-request-id': id });
      await service.stop(first.server.id);
      // Written 40 days ago, as far as the disk can tell: the next server to log this model prunes them.
      const days40 = (Date.now() - 40 * 86_400_000) / 1000;
      for (const s of listSegments(dir)) utimesSync(s.path, days40, days40);
      expect(listSegments(dir)).toHaveLength(1);
      const { server } = await service.start({ models: [{ uri: 'models:/churn@champion' }] });
      await post(`${server.url}/invocations`, RECORDS, 'application/json', { 'x-request-id': 'new-1' });
      await service.flushInferenceLog(server.id);
      const ids = (await engine.query(`SELECT DISTINCT request_id FROM read_parquet('${join(dir, '**', '*.parquet')}')`)).rows.map((r) => r[0]);
      expect(ids).toEqual(['new-1']);
      expect(listSegments(dir)).toHaveLength(1);
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metric(metrics, 'workbench_inference_log_segments_removed_total{model="churn"}')).toBe(1);
    });

    it('drops and counts rows when the queue is full, instead of waiting for the writer', async () => {
      const service = open({ maxBufferRows: 5, flushRows: 1000, flushMs: 60_000 });
      const { server } = await service.start({ models: [{ uri: 'models:/churn@champion' }] });
      for (let i = 0; i < 3; i++) expect((await post(`${server.url}/invocations`, RECORDS)).status).toBe(200);
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metric(metrics, 'workbench_inference_log_rows_total{model="churn"}')).toBe(3);
      expect(metric(metrics, 'workbench_inference_log_dropped_rows_total{model="churn",reason="buffer_full"}')).toBe(6);
      expect(log.lines.some((line) => line.includes('rows dropped rather than slowing serving') && line.includes('"dropped":3'))).toBe(true);
    });

    it('a writer that cannot write does not break serving: the rows are counted as failed', async () => {
      const blocker = join(t.home, 'not-a-folder');
      writeFileSync(blocker, 'a file where the log folder should be');
      const service = open({}, join(blocker, 'inference'));
      const { server } = await service.start({ models: [{ uri: 'models:/churn@champion' }] });
      for (let i = 0; i < 3; i++) {
        const answer = await post(`${server.url}/invocations`, RECORDS);
        expect(answer.status).toBe(200);
        expect((answer.json as { predictions: { prediction: string }[] }).predictions.map((p) => p.prediction)).toEqual(expected(V1).map((p) => p.prediction));
        await service.flushInferenceLog(server.id);
      }
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(metric(metrics, 'workbench_inference_log_dropped_rows_total{model="churn",reason="write_failed"}')).toBe(9);
      expect(metric(metrics, 'workbench_inference_log_written_rows_total{model="churn"}')).toBe(0);
      expect(log.lines.some((line) => line.includes('writing the inference log failed'))).toBe(true);
    });
  });
});

describe('the inference log, on its own', () => {
  const signature = { inputs: [{ name: 'x', type: 'double' }], outputs: [{ name: 'y', type: 'double' }] };
  const request = (rows: number): [ColumnarInput, ScoreResult] => {
    const values = Float64Array.from({ length: rows }, (_, i) => i);
    return [{ rows, columns: { x: values } }, { rows, outputs: [{ name: 'y', dims: [rows], values: Array.from(values, (v) => 2 * v) }] }];
  };

  it('writes a full buffer as a segment of its own: rows that arrive before the write starts wait for theirs', async () => {
    const dir = tempDir('wb-log-');
    const log = new InferenceLog({ directory: dir.path, flushRows: 3, flushMs: 60_000, maxBufferRows: 100, maxBytes: 1024 ** 2, retentionDays: 30 }, new Map([['m', 'm']]), new SegmentWriter(), recordingLogger());
    try {
      // The first request fills the buffer; the second, in the same turn of the event loop, starts the next one.
      for (const [id, rows] of [['full', 3], ['next', 1]] as const) log.record('m', 1, signature, id, ...request(rows));
      await waitFor(() => (log.stats('m')?.written ?? 0) >= 3, 5000, 'the full buffer written');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(log.stats('m')).toMatchObject({ written: 3, pending: 1, segments: 1 });
      await log.flush();
      expect(log.stats('m')).toMatchObject({ written: 4, pending: 0, segments: 2 });
    } finally {
      await log.close();
      dir.cleanup();
    }
  });
});
