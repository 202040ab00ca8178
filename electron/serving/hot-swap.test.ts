import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServingRequest } from '../../shared/contract';
import type { TestBackend } from '../../test/backend';
import { recordingLogger, waitFor } from '../../test/helpers';
import { openScorer } from '../packaging';
import { createServingService, type ServingService } from './index';
import { expected, post, ROWS, servingBackend, V1, V2 } from './testing';

describe('a model server: hot swap when an alias moves', () => {
  let t: TestBackend;
  let serving: ServingService;
  const released: string[] = [];
  const changed: string[] = [];
  const log = recordingLogger();

  beforeEach(async () => {
    t = await servingBackend();
    released.length = 0;
    changed.length = 0;
    // The real scorer, watched: the old version's session must be released once its last request is done.
    serving = createServingService({
      registry: t.backend.registry,
      log,
      emit: { request: () => undefined, changed: (id) => changed.push(id) },
      openScorer: async (dir) => {
        const scorer = await openScorer(dir);
        return { signature: scorer.signature, score: (input, options) => scorer.score(input, options), release: () => (released.push(dir), scorer.release()) };
      },
    });
  });
  afterEach(async () => {
    await serving.close();
    await t.close();
  });

  it('swaps v2 in under load: no request fails, each answers whole from one version, v2 answers after', async () => {
    const { server } = await serving.start({ models: [{ uri: 'models:/churn@champion' }] });
    const body = JSON.stringify({ dataframe_records: ROWS });
    const want = { 1: expected(V1).map((p) => p.prediction), 2: expected(V2).map((p) => p.prediction) } as Record<number, string[]>;
    const results: { started: number; status: number; version: number; consistent: boolean }[] = [];
    const failures: unknown[] = [];
    let stop = false;
    const worker = async (): Promise<void> => {
      while (!stop) {
        const started = performance.now();
        try {
          const answer = await post(`${server.url}/invocations`, body);
          const version = Number(answer.headers.get('x-workbench-model-version'));
          const predictions = (answer.json as { predictions: { prediction: string }[] } | null)?.predictions.map((p) => p.prediction);
          results.push({ started, status: answer.status, version, consistent: JSON.stringify(predictions) === JSON.stringify(want[version]) });
        } catch (error) {
          failures.push(error);
        }
      }
    };
    const workers = Array.from({ length: 16 }, () => worker());
    await waitFor(() => results.length >= 200, 15_000, 'load before the swap');
    t.backend.registry.setAlias('churn', 'champion', 2);
    await waitFor(() => serving.servers()[0]?.models[0]?.version === 2, 15_000, 'the swap');
    const swappedAt = performance.now();
    const before = results.length;
    await waitFor(() => results.length >= before + 200, 15_000, 'load after the swap');
    stop = true;
    await Promise.all(workers);

    expect(failures).toEqual([]);
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    expect(results.every((r) => r.consistent)).toBe(true);
    expect(results.some((r) => r.version === 1)).toBe(true);
    expect(results.filter((r) => r.started > swappedAt).every((r) => r.version === 2)).toBe(true);
    expect(results.filter((r) => r.started > swappedAt).length).toBeGreaterThanOrEqual(150);
    expect(changed).toContain(server.id);
    // v1's session went once its requests were done; v2's is still in use.
    await waitFor(() => released.length === 1, 5000, 'the old session released');
    expect(released[0]).toMatch(/1/);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^workbench_serving_model_version\{model="churn",uri="models:\/churn@champion"\} 2$/m);
    expect(metrics).toMatch(/^workbench_serving_model_info\{model="churn",uri="models:\/churn@champion",version="2"\} 1$/m);
    expect(metrics).toMatch(/^workbench_serving_model_swaps_total\{model="churn"\} 1$/m);
    await serving.stop(server.id);
    expect(released).toHaveLength(2);
  });

  it('keeps serving a pinned version, and the old one when the alias is removed', async () => {
    const { server } = await serving.start({ models: [{ uri: 'models:/churn/1', name: 'pinned' }, { uri: 'models:/churn@champion' }] });
    t.backend.registry.deleteAlias('churn', 'champion');
    t.backend.registry.setAlias('churn', 'challenger', 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(serving.servers()[0]?.models.map((m) => m.version)).toEqual([1, 1]);
    expect(log.lines.some((line) => line.includes('alias a model server serves was removed'))).toBe(true);
    const answer = await post(`${server.url}/models/churn/invocations`, JSON.stringify({ instances: ROWS }));
    expect(answer.status).toBe(200);
    expect(released).toEqual([]);
  });
});

describe('the serving procedures', () => {
  let t: TestBackend;
  beforeEach(async () => {
    t = await servingBackend();
  });
  afterEach(async () => t.close());

  it('starts with a token that every route but the health checks needs; logs requests as events; try-it goes over HTTP', async () => {
    const events: ServingRequest[] = [];
    const changes: string[] = [];
    t.backend.bus.subscribe('serving.request', (entry) => events.push(entry as ServingRequest));
    t.backend.bus.subscribe('serving.changed', (change) => changes.push((change as { id: string }).id));
    const { server, token } = await t.client.call('serving.start', { models: [{ uri: 'models:/churn@champion' }], requireToken: true });
    expect(server.tokenRequired).toBe(true);
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(changes).toEqual([server.id]);
    const body = JSON.stringify({ instances: ROWS });
    expect((await post(`${server.url}/invocations`, body)).status).toBe(401);
    expect((await post(`${server.url}/invocations`, body, 'application/json', { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/v2/models/churn`)).status).toBe(401);
    expect((await fetch(`${server.url}/ping`)).status).toBe(200);
    expect((await fetch(`${server.url}/v2/health/ready`)).status).toBe(200);
    const authorized = await post(`${server.url}/invocations`, body, 'application/json', { authorization: `Bearer ${token ?? ''}` });
    expect(authorized.status).toBe(200);

    const tried = await t.client.call('serving.tryIt', { id: server.id, path: '/invocations', body });
    expect(tried.status).toBe(200);
    expect(JSON.parse(tried.body)).toEqual(authorized.json);
    expect(tried.ms).toBeGreaterThan(0);
    const missing = await t.client.call('serving.tryIt', { id: server.id, path: '/invocations', body: '{"instances": [{"tenure": 1}]}' });
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.body)).toMatchObject({ error_code: 'BAD_REQUEST' });

    const log = await t.client.call('serving.requests', { id: server.id, limit: 3 });
    expect(log.map((entry) => [entry.path, entry.status, entry.rows])).toEqual([
      ['/invocations', 400, null],
      ['/invocations', 200, 3],
      ['/invocations', 200, 3],
    ]);
    expect(log[1]).toMatchObject({ serverId: server.id, method: 'POST', model: 'churn', version: 1, error: null });
    await waitFor(() => events.length === 9, 2000, 'the request events');
    expect(events.at(-1)).toEqual(log[0]);
    // Try-it reaches this server only: a path that looks like another host stays a path here.
    const elsewhere = await t.client.call('serving.tryIt', { id: server.id, path: '//example.com/ping', body: '' });
    expect(elsewhere.status).toBe(404);
    expect(JSON.parse(elsewhere.body)).toMatchObject({ error_code: 'ENDPOINT_NOT_FOUND' });

    await t.client.call('serving.stop', { id: server.id });
    expect(await t.client.call('serving.servers', {})).toEqual([]);
    expect(changes).toEqual([server.id, server.id]);
    await expect(fetch(`${server.url}/ping`)).rejects.toThrow();
    await expect(t.client.call('serving.stop', { id: server.id })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses an unknown model or alias, and a port in use, starting nothing', async () => {
    await expect(t.client.call('serving.start', { models: [{ uri: 'models:/nope@champion' }] })).rejects.toMatchObject({ code: 'not_found' });
    await expect(t.client.call('serving.start', { models: [{ uri: 'models:/churn@nobody' }] })).rejects.toMatchObject({ code: 'not_found' });
    const { server } = await t.client.call('serving.start', { models: [{ uri: 'models:/churn/1' }] });
    const taken = t.client.call('serving.start', { models: [{ uri: 'models:/churn/2' }], port: server.port });
    await expect(taken).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(`Port ${server.port}`) });
    expect((await t.client.call('serving.servers', {})).map((s) => s.id)).toEqual([server.id]);
  });

  it('names two versions of one model apart', async () => {
    const { server } = await t.client.call('serving.start', { models: [{ uri: 'models:/churn@champion' }, { uri: 'models:/churn/2' }] });
    expect(server.models.map((m) => m.name)).toEqual(['churn', 'churn-v2']);
    const answer = await post(`${server.url}/models/churn-v2/invocations`, JSON.stringify({ dataframe_records: ROWS }));
    expect((answer.json as { predictions: { prediction: string }[] }).predictions.map((p) => p.prediction)).toEqual(expected(V2).map((p) => p.prediction));
  });
});
