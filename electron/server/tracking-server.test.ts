import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestBackend, type TestBackend } from '../../test/backend';
import { silentLogger } from '../log';
import { startTrackingServer, type TrackingServer } from './tracking-server';

let test: TestBackend;
let server: TrackingServer;
beforeEach(async () => {
  test = await openTestBackend();
  server = await startTrackingServer({ backend: test.backend, log: silentLogger, port: 0 });
});
afterEach(async () => {
  await server.close();
  await test.close();
});

describe("the desktop app's MLflow endpoint", () => {
  it('answers MLflow clients that bring its token, and nothing else', async () => {
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const byName = `${server.url}/api/2.0/mlflow/experiments/get-by-name?experiment_name=Default`;
    const anonymous = await fetch(byName);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error_code: 'UNAUTHENTICATED' });

    const headers = { authorization: `Bearer ${server.token}` };
    const found = await fetch(byName, { headers });
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ experiment: { experiment_id: '0', name: 'Default' } });

    // The workbench's own procedures are not served here, token or not.
    const procedure = await fetch(`${server.url}/api/workspace.current`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' });
    expect(procedure.status).toBe(404);
    const foreign = await fetch(byName, { headers: { ...headers, origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
  });

  it('tells the UI where to point MLFLOW_TRACKING_URI once the host sets it', async () => {
    expect(await test.client.call('tracking.endpoint', {})).toBeNull();
    test.backend.setTrackingEndpoint({ uri: server.url, token: server.token });
    expect(await test.client.call('tracking.endpoint', {})).toEqual({ uri: server.url, token: server.token });
  });
});
