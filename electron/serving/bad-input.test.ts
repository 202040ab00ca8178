import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestBackend } from '../../test/backend';
import { expected, post, ROWS, servingBackend, V1 } from './testing';

const MB = 1024 * 1024;

/** A body of `bytes` bytes streamed in 64 KiB chunks; resolves with the status and how long the answer took. */
function sendLarge(url: string, bytes: number, declareLength: boolean): Promise<{ status: number; ms: number; body: string }> {
  const chunk = Buffer.alloc(64 * 1024, 0x20);
  let left = bytes;
  const body = new Readable({
    read() {
      if (left <= 0) return void this.push(null);
      const size = Math.min(left, chunk.length);
      left -= size;
      this.push(size === chunk.length ? chunk : chunk.subarray(0, size));
    },
  });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/invocations`, { method: 'POST', headers: { 'content-type': 'application/json', ...(declareLength ? { 'content-length': String(bytes) } : {}) } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (part: string) => (text += part));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, ms: performance.now() - started, body: text });
        req.destroy();
      });
    });
    // The server closes the connection while the body is still going: expected, once it has answered.
    req.on('error', (error) => setTimeout(() => reject(error), 2000));
    body.pipe(req);
  });
}

describe('a model server: bad requests get a clear error, and it keeps serving', () => {
  let t: TestBackend;
  let url: string;
  let id: string;
  const good = JSON.stringify({ dataframe_records: ROWS });

  const expectStillServing = async (): Promise<void> => {
    const answer = await post(`${url}/invocations`, good);
    expect(answer.status).toBe(200);
    expect((answer.json as { predictions: { prediction: string }[] }).predictions.map((p) => p.prediction)).toEqual(expected(V1).map((p) => p.prediction));
  };
  const expectBadRequest = async (body: string, message: RegExp, path = '/invocations', contentType = 'application/json'): Promise<void> => {
    const answer = await post(`${url}${path}`, body, contentType);
    expect(answer.status).toBe(400);
    const json = answer.json as { error_code: string; message: string };
    expect(json.error_code).toBe('BAD_REQUEST');
    expect(json.message).toMatch(message);
    await expectStillServing();
  };

  beforeAll(async () => {
    t = await servingBackend();
    const { server } = await t.backend.serving.start({ models: [{ uri: 'models:/churn@champion' }] });
    url = server.url;
    id = server.id;
  });
  afterAll(async () => t.close());

  it('a missing column: 400 naming it', async () => {
    const rows = ROWS.map(({ tenure: _tenure, ...rest }) => rest);
    await expectBadRequest(JSON.stringify({ dataframe_records: rows }), /Missing column "tenure" \(double\)/);
    await expectBadRequest(JSON.stringify({ dataframe_split: { columns: ['tenure', 'Contract'], data: [[1, 'One year']] } }), /Missing columns "MonthlyCharges" \(double\), "SeniorCitizen" \(long\)/);
    await expectBadRequest('tenure,Contract\n1,One year\n', /Missing columns "MonthlyCharges"/, '/invocations', 'text/csv');
    await expectBadRequest(JSON.stringify({ inputs: [{ name: 'tenure', datatype: 'FP64', shape: [1], data: [1] }] }), /Missing columns "MonthlyCharges".*"Contract".*"SeniorCitizen"/, '/v2/models/churn/infer');
  });

  it('a wrong type: 400 naming the column, the row and the value', async () => {
    const text = ROWS.map((row, i) => (i === 1 ? { ...row, tenure: 'forty' } : row));
    await expectBadRequest(JSON.stringify({ dataframe_records: text }), /Column "tenure" \(double\) expects a number; row 1 holds "forty"/);
    const fraction = ROWS.map((row, i) => (i === 2 ? { ...row, SeniorCitizen: 0.5 } : row));
    await expectBadRequest(JSON.stringify({ instances: fraction }), /Column "SeniorCitizen" \(long\) expects a whole number; row 2 holds 0.5/);
    await expectBadRequest(JSON.stringify({ inputs: { ...Object.fromEntries(Object.keys(ROWS[0] ?? {}).map((k) => [k, ROWS.map((r) => r[k as keyof typeof r])])), Contract: [1, 2, 3] } }), /Column "Contract" \(string\) expects a string; row 0 holds 1/);
    await expectBadRequest('tenure,MonthlyCharges,Contract,SeniorCitizen\n1,cheap,One year,0\n', /Column "MonthlyCharges" \(double\) expects a number; row 0 holds "cheap"/, '/invocations', 'text/csv');
    const v2 = [
      { name: 'tenure', datatype: 'BYTES', shape: [1], data: ['1'] },
      { name: 'MonthlyCharges', datatype: 'FP64', shape: [1], data: [80] },
      { name: 'Contract', datatype: 'BYTES', shape: [1], data: ['One year'] },
      { name: 'SeniorCitizen', datatype: 'INT64', shape: [1], data: [0] },
    ];
    await expectBadRequest(JSON.stringify({ inputs: v2 }), /Input "tenure" has datatype BYTES; the signature says double: send FP64/, '/v2/models/churn/infer');
    const badShape = v2.map((input) => (input.name === 'tenure' ? { ...input, datatype: 'FP64', data: [1], shape: [2] } : input));
    await expectBadRequest(JSON.stringify({ inputs: badShape }), /Input "tenure" has 1 values where its shape \[2\] says 2/, '/v2/models/churn/infer');
  });

  it('an extra column: ignored, and reported in a header', async () => {
    const rows = ROWS.map((row, i) => ({ customerID: `c-${i}`, ...row, 'Note é': 'x' }));
    const answer = await post(`${url}/invocations`, JSON.stringify({ dataframe_records: rows }));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-workbench-ignored-columns')).toBe(`customerID, ${encodeURIComponent('Note é')}`);
    expect((answer.json as { predictions: unknown[] }).predictions).toHaveLength(3);
    const split = await post(`${url}/invocations`, JSON.stringify({ dataframe_split: { columns: ['extra', 'tenure', 'MonthlyCharges', 'Contract', 'SeniorCitizen'], data: [[9, 1, 80, 'One year', 0]] } }));
    expect(split.status).toBe(200);
    expect(split.headers.get('x-workbench-ignored-columns')).toBe('extra');
  });

  it('an empty body, invalid JSON, or JSON of the wrong shape: 400', async () => {
    await expectBadRequest('', /body is empty/);
    await expectBadRequest('{"dataframe_records": [', /not valid JSON/);
    await expectBadRequest('[1, 2]', /must be an object/);
    await expectBadRequest('{}', /none of dataframe_split, dataframe_records, instances, inputs/);
    await expectBadRequest(JSON.stringify({ instances: ROWS, inputs: {} }), /both "instances" and "inputs"/);
    await expectBadRequest(JSON.stringify({ dataframe_split: { columns: ['tenure', 'MonthlyCharges', 'Contract', 'SeniorCitizen'], data: [[1, 80, 'One year', 0, 5]] } }), /row 0 has 5 values; "columns" names 4/);
    await expectBadRequest('', /body is empty/, '/v2/models/churn/infer');
  });

  it('NaN or null where the signature forbids it: 400; NaN in a double column is fine', async () => {
    const nullLong = ROWS.map((row, i) => (i === 0 ? { ...row, SeniorCitizen: null } : row));
    await expectBadRequest(JSON.stringify({ dataframe_records: nullLong }), /Column "SeniorCitizen" \(long\) has a missing value \(null or NaN\) at row 0/);
    // Python's json.dumps writes a bare NaN.
    await expectBadRequest('{"dataframe_split": {"columns": ["tenure", "MonthlyCharges", "Contract", "SeniorCitizen"], "data": [[1, 80, "One year", NaN]]}}', /"SeniorCitizen" \(long\) has a missing value/);
    await expectBadRequest('tenure,MonthlyCharges,Contract,SeniorCitizen\n1,80,One year,\n', /"SeniorCitizen" \(long\) has a missing value/, '/invocations', 'text/csv');
    const nanDouble = await post(`${url}/invocations`, '{"dataframe_split": {"columns": ["tenure", "MonthlyCharges", "Contract", "SeniorCitizen"], "data": [[NaN, 80, "One year", 0]]}}');
    expect(nanDouble.status).toBe(200);
  });

  it('a 100 MB body: 413 at once, without reading it all', async () => {
    for (const declareLength of [true, false]) {
      const answer = await sendLarge(url, 100 * MB, declareLength);
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ error_code: 'REQUEST_LIMIT_EXCEEDED' });
      expect(answer.ms).toBeLessThan(1500);
      await expectStillServing();
    }
  });

  it('another content type, another charset or bytes that are not UTF-8: 415', async () => {
    for (const [body, type, message] of [
      [good, 'text/plain', /Content-Type "text\/plain" is not supported/],
      [good, 'application/json; charset=latin-1', /charset "latin-1"/],
      ['tenure\n1\n', '', /Content-Type \(none\)/],
    ] as const) {
      const answer = await post(`${url}/invocations`, body, type);
      expect(answer.status).toBe(415);
      expect((answer.json as { message: string }).message).toMatch(message);
    }
    const latin1 = await fetch(`${url}/invocations`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: Buffer.from('tenure,MonthlyCharges,Contract,SeniorCitizen\n1,80,Caf\xe9,0\n', 'latin1') });
    expect(latin1.status).toBe(415);
    expect(await latin1.text()).toMatch(/not valid UTF-8/);
    expect((await post(`${url}/v2/models/churn/infer`, 'a,b\n1,2\n', 'text/csv')).status).toBe(415);
    await expectStillServing();
  });

  it('counts every bad request as an error, in the server, the log and the metrics', async () => {
    const [server] = await t.client.call('serving.servers', {});
    expect(server?.id).toBe(id);
    const log = await t.client.call('serving.requests', { id, limit: 1000 });
    expect(log).toHaveLength(server?.requests ?? -1);
    expect(log.filter((entry) => entry.status >= 400)).toHaveLength(server?.errors ?? -1);
    const bad = log.find((entry) => entry.status === 413);
    expect(bad).toMatchObject({ serverId: id, method: 'POST', path: '/invocations', model: 'churn', rows: null, error: expect.stringMatching(/over the limit/) });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const errors = /^workbench_serving_errors_total\{model="churn",route="\/invocations"\} (\d+)$/m.exec(metrics);
    expect(Number(errors?.[1])).toBe(log.filter((entry) => entry.status >= 400 && entry.path === '/invocations').length);
  });
});
