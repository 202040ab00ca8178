import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestBackend } from '../../test/backend';
import { COLUMN_ORDERS, expected, post, ROWS, servingBackend, V1, V2, type Prediction } from './testing';

function expectPredictions(actual: unknown, wanted: Prediction[]): void {
  const rows = (actual as { predictions: Prediction[] }).predictions;
  expect(rows).toHaveLength(wanted.length);
  rows.forEach((row, i) => {
    const want = wanted[i] as Prediction;
    expect(Object.keys(row).sort()).toEqual(['prediction', 'probability_No', 'probability_Yes']);
    expect(row.prediction).toBe(want.prediction);
    expect(row.probability_Yes).toBeCloseTo(want.probability_Yes, 6);
    expect(row.probability_No).toBeCloseTo(want.probability_No, 6);
  });
}

const csvCell = (value: unknown): string => (typeof value === 'string' ? `"${value.replace(/"/g, '""')}"` : String(value));

describe('a model server: the formats of both protocols', () => {
  let t: TestBackend;
  let url: string;

  beforeAll(async () => {
    t = await servingBackend();
    const { server, token } = await t.client.call('serving.start', { models: [{ uri: 'models:/churn@champion' }, { uri: 'models:/churn/2', name: 'retention' }] });
    expect(token).toBeNull();
    expect(server.host).toBe('127.0.0.1');
    expect(server.models.map((m) => [m.name, m.uri, m.version])).toEqual([
      ['churn', 'models:/churn@champion', 1],
      ['retention', 'models:/churn/2', 2],
    ]);
    url = server.url;
  });
  afterAll(async () => t.close());

  for (const [o, order] of COLUMN_ORDERS.entries()) {
    const label = o === 0 ? 'in the signature order' : 'in reverse order';
    const records = ROWS.map((row) => Object.fromEntries(order.map((column) => [column, row[column]])));

    it(`takes dataframe_split ${label}`, async () => {
      const body = { dataframe_split: { columns: order, data: ROWS.map((row) => order.map((column) => row[column])) } };
      const answer = await post(`${url}/invocations`, JSON.stringify(body));
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-workbench-model-version')).toBe('1');
      expectPredictions(answer.json, expected(V1));
    });

    it(`takes dataframe_records ${label}, with params`, async () => {
      const answer = await post(`${url}/invocations`, JSON.stringify({ dataframe_records: records, params: { threshold: 0.5 } }));
      expect(answer.status).toBe(200);
      expectPredictions(answer.json, expected(V1));
    });

    it(`takes instances ${label}`, async () => {
      const answer = await post(`${url}/invocations`, JSON.stringify({ instances: records }));
      expect(answer.status).toBe(200);
      expectPredictions(answer.json, expected(V1));
    });

    it(`takes inputs (columns) ${label}`, async () => {
      const inputs = Object.fromEntries(order.map((column) => [column, ROWS.map((row) => row[column])]));
      const answer = await post(`${url}/invocations`, JSON.stringify({ inputs }));
      expect(answer.status).toBe(200);
      expectPredictions(answer.json, expected(V1));
    });

    it(`takes CSV ${label}, quoted or not, with CRLF`, async () => {
      const csv = [order.join(','), ...ROWS.map((row) => order.map((column) => csvCell(row[column])).join(','))].join('\r\n');
      const answer = await post(`${url}/invocations`, `${csv}\r\n`, 'text/csv; charset=utf-8');
      expect(answer.status).toBe(200);
      expectPredictions(answer.json, expected(V1));
    });

    it(`takes an OIP v2 infer request ${label}, shapes [N] and [N, 1]`, async () => {
      const datatype = { tenure: 'FP64', MonthlyCharges: 'FP32', Contract: 'BYTES', SeniorCitizen: 'INT64' } as const;
      const inputs = order.map((column, i) => ({
        name: column,
        datatype: datatype[column],
        shape: i % 2 === 0 ? [ROWS.length] : [ROWS.length, 1],
        data: i % 2 === 0 ? ROWS.map((row) => row[column]) : ROWS.map((row) => [row[column]]),
      }));
      const answer = await post(`${url}/v2/models/churn/infer`, JSON.stringify({ id: 'req-7', inputs }));
      expect(answer.status).toBe(200);
      const json = answer.json as { model_name: string; model_version: string; id: string; outputs: { name: string; shape: number[]; datatype: string; data: unknown[] }[] };
      expect(json).toMatchObject({ model_name: 'churn', model_version: '1', id: 'req-7' });
      const byName = Object.fromEntries(json.outputs.map((output) => [output.name, output]));
      const want = expected(V1);
      expect(byName.prediction).toEqual({ name: 'prediction', shape: [3], datatype: 'BYTES', data: want.map((p) => p.prediction) });
      expect(byName.probability_Yes).toMatchObject({ shape: [3], datatype: 'FP32' });
      (byName.probability_Yes?.data as number[]).forEach((p, i) => expect(p).toBeCloseTo(want[i]?.probability_Yes ?? Number.NaN, 6));
    });
  }

  it('reads quoted CSV fields with commas, quotes and line breaks (here in a column it ignores)', async () => {
    const csv = 'note,tenure,MonthlyCharges,Contract,SeniorCitizen\n"a, ""quoted""\nline",1,80,Month-to-month,0\nplain,40,20,"Two year",1\n';
    const answer = await post(`${url}/invocations`, csv, 'text/csv');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-workbench-ignored-columns')).toBe('note');
    expectPredictions(answer.json, expected(V1, ROWS.slice(0, 2)));
    const ragged = await post(`${url}/invocations`, 'tenure,MonthlyCharges,Contract,SeniorCitizen\n1,80\n', 'text/csv');
    expect(ragged.status).toBe(400);
    expect((ragged.json as { message: string }).message).toBe('CSV row 0: 2 fields where the header has 4.');
  });

  it('answers v2 infer for a named version, and only the outputs asked for', async () => {
    const inputs = [
      { name: 'tenure', datatype: 'FP64', shape: [1], data: [1] },
      { name: 'MonthlyCharges', datatype: 'FP64', shape: [1], data: [80] },
      { name: 'Contract', datatype: 'BYTES', shape: [1], data: ['Month-to-month'] },
      { name: 'SeniorCitizen', datatype: 'INT64', shape: [1], data: [0] },
    ];
    const answer = await post(`${url}/v2/models/retention/versions/2/infer`, JSON.stringify({ inputs, outputs: [{ name: 'prediction' }] }));
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ model_name: 'retention', model_version: '2', outputs: [{ name: 'prediction', shape: [1], datatype: 'BYTES', data: [expected(V2, ROWS.slice(0, 1))[0]?.prediction] }] });
    const wrongVersion = await post(`${url}/v2/models/retention/versions/1/infer`, JSON.stringify({ inputs }));
    expect(wrongVersion.status).toBe(404);
    expect((wrongVersion.json as { error: string }).error).toMatch(/version 1 is not loaded.*version 2/);
  });

  it('serves several models on one port: /invocations is the first, /models/{name}/invocations any', async () => {
    const body = JSON.stringify({ dataframe_records: ROWS });
    expectPredictions((await post(`${url}/invocations`, body)).json, expected(V1));
    expectPredictions((await post(`${url}/models/churn/invocations`, body)).json, expected(V1));
    const second = await post(`${url}/models/retention/invocations`, body);
    expect(second.headers.get('x-workbench-model-version')).toBe('2');
    expectPredictions(second.json, expected(V2));
    const unknown = await post(`${url}/models/nope/invocations`, body);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ error_code: 'RESOURCE_DOES_NOT_EXIST' });
    expect((unknown.json as { message: string }).message).toContain('churn, retention');
  });

  it('counts requests by model, route and status in Prometheus text, with a latency histogram', async () => {
    const [server] = await t.client.call('serving.servers', {});
    const log = await t.client.call('serving.requests', { id: server?.id ?? '', limit: 1000 });
    const text = await (await fetch(`${url}/metrics`)).text();
    const value = (pattern: string): number => Number(new RegExp(`^${pattern.replace(/[{}()|.+?*[\]]/g, '\\$&')} (\\S+)$`, 'm').exec(text)?.[1]);
    const answered = (path: string, status: number): number => log.filter((entry) => entry.path === path && entry.status === status).length;
    expect(answered('/invocations', 200)).toBeGreaterThan(10);
    expect(value('workbench_serving_requests_total{model="churn",route="/invocations",status="200"}')).toBe(answered('/invocations', 200));
    expect(value('workbench_serving_requests_total{model="retention",route="/models/{name}/invocations",status="200"}')).toBe(answered('/models/retention/invocations', 200));
    expect(value('workbench_serving_requests_total{model="churn",route="/invocations",status="400"}')).toBe(answered('/invocations', 400));
    expect(value('workbench_serving_errors_total{model="churn",route="/invocations"}')).toBe(answered('/invocations', 400));
    const labels = 'model="churn",route="/invocations"';
    const buckets = [...text.matchAll(new RegExp(`^workbench_serving_request_duration_seconds_bucket\\{${labels},le="([^"]+)"\\} (\\d+)$`, 'gm'))].map((m) => [m[1], Number(m[2])] as const);
    expect(buckets.at(-1)).toEqual(['+Inf', log.filter((entry) => entry.path === '/invocations').length]);
    for (let i = 1; i < buckets.length; i++) expect(buckets[i]?.[1]).toBeGreaterThanOrEqual(buckets[i - 1]?.[1] ?? 0);
    expect(value(`workbench_serving_request_duration_seconds_count{${labels}}`)).toBe(buckets.at(-1)?.[1]);
    const sum = value(`workbench_serving_request_duration_seconds_sum{${labels}}`);
    const ms = log.filter((entry) => entry.path === '/invocations').reduce((total, entry) => total + entry.ms, 0);
    expect(sum).toBeCloseTo(ms / 1000, 6);
    expect(value('workbench_serving_model_version{model="churn",uri="models:/churn@champion"}')).toBe(1);
    expect(value('workbench_serving_model_version{model="retention",uri="models:/churn/2"}')).toBe(2);
    expect(text).toContain('# TYPE workbench_serving_request_duration_seconds histogram');
  });

  it('answers the health, version and metadata routes', async () => {
    const get = async (path: string): Promise<{ status: number; text: string }> => {
      const response = await fetch(`${url}${path}`);
      return { status: response.status, text: await response.text() };
    };
    expect((await get('/ping')).status).toBe(200);
    expect((await get('/health')).status).toBe(200);
    expect((await get('/version')).text).toMatch(/^\d+\.\d+\.\d+/);
    expect(JSON.parse((await get('/v2')).text)).toMatchObject({ name: 'ml-workbench', extensions: [] });
    expect(JSON.parse((await get('/v2/health/live')).text)).toEqual({ live: true });
    expect(JSON.parse((await get('/v2/health/ready')).text)).toEqual({ ready: true });
    expect(JSON.parse((await get('/v2/models/churn/ready')).text)).toEqual({ name: 'churn', ready: true });
    const metadata: unknown = JSON.parse((await get('/v2/models/churn')).text);
    expect(metadata).toEqual({
      name: 'churn',
      versions: ['1'],
      platform: 'onnxruntime_onnx',
      inputs: [
        { name: 'tenure', datatype: 'FP64', shape: [-1] },
        { name: 'MonthlyCharges', datatype: 'FP64', shape: [-1] },
        { name: 'Contract', datatype: 'BYTES', shape: [-1] },
        { name: 'SeniorCitizen', datatype: 'INT64', shape: [-1] },
      ],
      outputs: [
        { name: 'prediction', datatype: 'BYTES', shape: [-1] },
        { name: 'probability_No', datatype: 'FP32', shape: [-1] },
        { name: 'probability_Yes', datatype: 'FP32', shape: [-1] },
      ],
    });
    expect(JSON.parse((await get('/v2/models/retention/versions/2')).text)).toMatchObject({ name: 'retention', versions: ['2'] });
    expect((await get('/v2/models/nope')).status).toBe(404);
    expect((await get('/nowhere')).status).toBe(404);
    expect((await get('/invocations')).status).toBe(405);
  });
});
