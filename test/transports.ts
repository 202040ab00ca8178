import WebSocket from 'ws';
import {
  createClient,
  createHttpLink,
  createMessageLink,
  createSocketPort,
  SOCKET_PATH,
  type WorkbenchClient,
} from '../shared/client';
import { serveIpc } from '../electron/api';
import type { Backend } from '../electron/backend';
import { silentLogger } from '../electron/log';
import { createBridge } from '../electron/preload/api';
import { startServer } from '../electron/server';
import { createFakeIpcPair } from './fake-ipc';

export interface TransportUnderTest {
  client: WorkbenchClient;
  close(): Promise<void>;
}

export type TransportFactory = (backend: Backend) => Promise<TransportUnderTest>;

/** Electron IPC: the real serveIpc and preload bridge over a fake pair of IPC ends. */
export const ipcTransport: TransportFactory = (backend) => {
  const { ipcMain, ipcRenderer } = createFakeIpcPair();
  const stop = serveIpc({
    ipcMain,
    router: backend.router,
    bus: backend.bus,
    log: silentLogger,
    isTrustedSender: (event) => event.senderFrame?.url.startsWith('app://workbench/') ?? false,
  });
  const client = createClient(createMessageLink(createBridge(ipcRenderer)));
  return Promise.resolve({
    client,
    close: () => {
      client.close();
      stop();
      return Promise.resolve();
    },
  });
};

/** Server mode as the browser uses it: POST for calls, the WebSocket for events. */
export const httpTransport: TransportFactory = async (backend) => {
  const token = 'conformance-token';
  const server = await startServer({ backend, rendererDir: '/nonexistent', log: silentLogger, port: 0, token });
  const events = socketPort(server.url, token);
  const client = createClient(createHttpLink({ baseUrl: server.url, token, events }));
  return {
    client,
    close: async () => {
      client.close();
      await server.close();
    },
  };
};

/** Server mode with calls over the WebSocket too (how scripts may use it). */
export const socketTransport: TransportFactory = async (backend) => {
  const token = 'conformance-token';
  const server = await startServer({ backend, rendererDir: '/nonexistent', log: silentLogger, port: 0, token });
  const client = createClient(createMessageLink(socketPort(server.url, token)));
  return {
    client,
    close: async () => {
      client.close();
      await server.close();
    },
  };
};

export function socketPort(url: string, token: string) {
  return createSocketPort({
    createSocket: () => new WebSocket(`${url.replace('http', 'ws')}${SOCKET_PATH}`, { headers: { authorization: `Bearer ${token}` } }),
    retryDelayMs: () => 50,
  });
}
