import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IPC_CHANNEL } from '../../shared/client/bridge';
import { createBackend, type Backend } from '../backend';
import { createFakeIpcPair } from '../../test/fake-ipc';
import { recordingLogger, resourcesDir, tempDir, waitFor } from '../../test/helpers';
import { serveIpc } from '.';

describe('IPC server', () => {
  let home: ReturnType<typeof tempDir>;
  let backend: Backend;
  const log = recordingLogger();

  beforeEach(() => {
    home = tempDir();
    backend = createBackend({ mode: 'electron', appHome: join(home.path, 'app'), sampleDir: join(home.path, 'sample'), resourcesDir, log });
  });
  afterEach(async () => {
    await backend.close();
    home.cleanup();
  });

  const serve = (frameUrl: string) => {
    const pair = createFakeIpcPair(frameUrl);
    const stop = serveIpc({
      ipcMain: pair.ipcMain,
      router: backend.router,
      bus: backend.bus,
      log,
      isTrustedSender: (event) => event.senderFrame?.url.startsWith('app://workbench/') ?? false,
    });
    const received: unknown[] = [];
    pair.ipcRenderer.on(IPC_CHANNEL, (_event, message) => received.push(message));
    return { ...pair, stop, received, post: (message: unknown) => pair.ipcRenderer.send(IPC_CHANNEL, message) };
  };

  it('drops messages from pages that are not the app', async () => {
    const ipc = serve('https://evil.example/');
    ipc.post({ t: 'call', id: 1, procedure: 'system.health', input: {} });
    await waitFor(() => log.lines.some((line) => line.includes('untrusted sender')), 2000, 'the warning');
    await new Promise((r) => setTimeout(r, 50));
    expect(ipc.received).toEqual([]);
    ipc.stop();
  });

  it('forgets a page\'s subscriptions when it reloads (hello)', async () => {
    const ipc = serve('app://workbench/');
    ipc.post({ t: 'subscribe', event: 'workspace.changed' });
    ipc.post({ t: 'call', id: 1, procedure: 'workspace.create', input: { path: join(home.path, 'a') } });
    await waitFor(() => ipc.received.length === 2, 2000, 'event and result');
    expect(ipc.received).toEqual([
      expect.objectContaining({ t: 'event', event: 'workspace.changed' }),
      expect.objectContaining({ t: 'result', id: 1 }),
    ]);

    ipc.post({ t: 'hello' }); // the page reloaded
    ipc.post({ t: 'call', id: 2, procedure: 'workspace.create', input: { path: join(home.path, 'b') } });
    await waitFor(() => ipc.received.length === 3, 2000, 'the second result');
    expect(ipc.received[2]).toEqual(expect.objectContaining({ t: 'result', id: 2 }));
    ipc.stop();
  });
});
