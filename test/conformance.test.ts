import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JobSnapshot, type WorkspaceInfo } from '../shared/contract';
import { createBackend, WORKBENCH_VERSION, type Backend } from '../electron/backend';
import { silentLogger } from '../electron/log';
import { STATE_DIR, STORE_FILE } from '../electron/workspace';
import { resourcesDir, tempDir, failure } from './helpers';
import { httpTransport, ipcTransport, socketTransport, type TransportFactory, type TransportUnderTest } from './transports';

const FILES = 4000;

/** Sums the user's files by walking the tree, independently of the code under test. */
function expectedUsage(root: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.parentPath.includes(STATE_DIR)) continue;
    files += 1;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}


const transports: [string, TransportFactory][] = [
  ['Electron IPC (fake IPC ends)', ipcTransport],
  ['HTTP + WebSocket', httpTransport],
  ['WebSocket only', socketTransport],
];

describe.each(transports)('API conformance over %s', (_name, makeTransport) => {
  const home = tempDir();
  const workspaceDir = join(home.path, 'ws');
  let backend: Backend;
  let transport: TransportUnderTest;

  beforeAll(async () => {
    mkdirSync(workspaceDir);
    for (let dir = 0; dir < 40; dir++) {
      mkdirSync(join(workspaceDir, `d${dir}`));
      for (let file = 0; file < FILES / 40; file++) writeFileSync(join(workspaceDir, `d${dir}`, `f${file}.txt`), 'x'.repeat((dir * 7 + file) % 300));
    }
    backend = createBackend({ mode: 'server', appHome: join(home.path, 'app'), sampleDir: join(home.path, 'sample'), resourcesDir, log: silentLogger });
    backend.workspace.open(workspaceDir);
    transport = await makeTransport(backend);
  });

  afterAll(async () => {
    await transport.close();
    await backend.close();
    home.cleanup();
  });

  it('answers a call with output that matches the contract', async () => {
    const health = await transport.client.call('system.health', {});
    expect(health).toMatchObject({ status: 'ok', version: WORKBENCH_VERSION });
    const current = await transport.client.call('workspace.current', {});
    expect(current?.path).toBe(workspaceDir);
    expect(current?.storeVersion).toBeGreaterThanOrEqual(2);
  });

  it('refuses input that fails the schema, naming the procedure and the field', async () => {
    const error = await failure(transport.client.call('workspace.open', { path: 42 } as never));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('workspace.open');
    expect(error.details?.issues).toEqual([expect.objectContaining({ path: 'path' })]);
  });

  it('refuses an unknown procedure by name', async () => {
    const error = await failure(transport.client.call('nope.never' as never, {} as never));
    expect(error).toMatchObject({ code: 'unknown_procedure' });
    expect(error.message).toContain('nope.never');
  });

  it('carries typed errors with their stable code and details', async () => {
    const missing = join(home.path, 'does-not-exist');
    const error = await failure(transport.client.call('workspace.open', { path: missing }));
    expect(error.code).toBe('workspace_not_found');
    expect(error.message).toContain(missing);
    expect(error.details).toEqual({ path: missing });
  });

  it('runs a job with progress to its result, and keeps its history', async () => {
    const seen: JobSnapshot[] = [];
    const usage = await transport.client.runJob('workspace.usage', {}, { onProgress: (s) => seen.push(s) });
    // The workbench's own store changes as jobs are recorded: compare the user's files exactly.
    const expected = expectedUsage(workspaceDir);
    const userEntries = usage.entries.filter((e) => e.name !== STATE_DIR);
    expect(userEntries).toHaveLength(40);
    expect(userEntries.reduce((sum, e) => sum + e.files, 0)).toBe(expected.files);
    expect(userEntries.reduce((sum, e) => sum + e.bytes, 0)).toBe(expected.bytes);
    expect(usage.totalBytes).toBe(usage.entries.reduce((sum, e) => sum + e.bytes, 0));
    expect(seen[0]?.state).toBe('running');
    expect(seen.at(-1)?.state).toBe('succeeded');
    const id = seen[0]!.id;
    expect(await transport.client.call('jobs.get', { id })).toMatchObject({ state: 'succeeded', progress: { fraction: 1 } });
    const db = new Database(join(workspaceDir, STATE_DIR, STORE_FILE), { readonly: true });
    expect(db.prepare('SELECT state FROM job_history WHERE id = ?').get(id)).toEqual({ state: 'succeeded' });
    db.close();
  });

  it('cancels a running job when the caller aborts', async () => {
    const controller = new AbortController();
    let id: string | undefined;
    const run = transport.client.runJob('workspace.usage', {}, {
      signal: controller.signal,
      onProgress: (snapshot) => {
        id = snapshot.id;
        controller.abort();
      },
    });
    const error = await failure(run);
    expect(error.code).toBe('cancelled');
    expect(await transport.client.call('jobs.get', { id: id! })).toMatchObject({ state: 'cancelled', error: { code: 'cancelled' } });
  });

  it('pushes events to subscribers, and stops after unsubscribe', async () => {
    const other = join(home.path, 'other');
    const received: (WorkspaceInfo | null)[] = [];
    const stop = transport.client.on('workspace.changed', (info) => received.push(info));
    await new Promise((r) => setTimeout(r, 50)); // the subscription crosses the transport first
    await transport.client.call('workspace.create', { path: other });
    await expect.poll(() => received.map((info) => info?.path)).toEqual([other]);
    stop();
    await new Promise((r) => setTimeout(r, 50));
    await transport.client.call('workspace.open', { path: workspaceDir });
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toHaveLength(1);
  });

  it('answers host-only procedures with "unavailable" where there is no desktop host', async () => {
    const error = await failure(transport.client.call('host.pickFolder', {}));
    expect(error.code).toBe('unavailable');
  });
});
