/**
 * Executing `1+1` until its result is there, two ways on the same Jupyter
 * server, interleaved so that both share the machine's noise:
 *   - through the workbench, as its UI does it in server mode: POST
 *     kernels.execute, then the execute_result arriving as a kernels.message
 *     event on the WebSocket;
 *   - the floor: @jupyterlab/services used directly from this process.
 */
import { KernelManager, ServerConnection, SessionManager, type KernelMessage } from '@jupyterlab/services';
import WebSocket from 'ws';
import { createClient, createHttpLink, createSocketPort, SOCKET_PATH, type WorkbenchClient } from '../../shared/client';
import { discoverServers } from '../../electron/notebooks';
import type { Server } from '../workbench-server';

export interface RoundTrips {
  workbenchMs: number[];
  floorMs: number[];
}

export function workbenchClient(server: Server): WorkbenchClient {
  const events = createSocketPort({
    createSocket: () => new WebSocket(`${server.url.replace('http', 'ws')}${SOCKET_PATH}`, { headers: { authorization: `Bearer ${server.token}` } }),
    retryDelayMs: () => 50,
  });
  return createClient(createHttpLink({ baseUrl: server.url, token: server.token, events }));
}

/** A bare @jupyterlab/services session on the Jupyter server the workbench started (found by its runtime file). */
async function floorSession(jupyterPid: number): Promise<{ execute(code: string): Promise<number>; close(): Promise<void> }> {
  const found = discoverServers().find((s) => s.pid === jupyterPid);
  if (!found) throw new Error(`no runtime file for the Jupyter server ${jupyterPid}`);
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: found.url,
    wsUrl: found.url.replace(/^http/, 'ws'),
    token: found.token,
    appendToken: true,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  const kernelManager = new KernelManager({ serverSettings });
  const sessions = new SessionManager({ kernelManager, serverSettings });
  const session = await sessions.startNew({ path: 'floor.ipynb', type: 'notebook', name: 'floor.ipynb', kernel: { name: 'python3' } });
  const kernel = session.kernel;
  if (!kernel) throw new Error('the floor session has no kernel');
  return {
    execute: (code) =>
      new Promise((resolve, reject) => {
        const began = performance.now();
        const future = kernel.requestExecute({ code });
        future.onIOPub = (message: KernelMessage.IIOPubMessage) => {
          if (message.header.msg_type === 'execute_result') resolve(performance.now() - began);
        };
        future.done.catch(reject);
      }),
    close: async () => {
      await session.shutdown();
      sessions.dispose();
      kernelManager.dispose();
    },
  };
}

export async function measureRoundTrips(server: Server, client: WorkbenchClient, runs: number, warmup: number, log: (line: string) => void): Promise<RoundTrips> {
  const status = await client.call('jupyter.status', {});
  const local = status.servers.find((s) => s.id === status.activeId);
  if (!local?.pid) throw new Error('no local Jupyter server is active');
  const session = await client.call('kernels.start', { path: 'bench.ipynb', kernelName: 'python3' });
  const waiting = new Map<string, (ms: number) => void>();
  const started = new Map<string, number>();
  const stop = client.on('kernels.message', (message) => {
    if (message.type !== 'execute_result' || message.requestId === null) return;
    const began = started.get(message.requestId);
    if (began !== undefined) waiting.get(message.requestId)?.(performance.now() - began);
  });
  let counter = 0;
  const throughWorkbench = async (code: string): Promise<number> => {
    const requestId = `bench-${++counter}`;
    const answered = new Promise<number>((resolve) => waiting.set(requestId, resolve));
    started.set(requestId, performance.now());
    await client.call('kernels.execute', { sessionId: session.sessionId, code, requestId });
    const ms = await answered;
    waiting.delete(requestId);
    started.delete(requestId);
    return ms;
  };
  const floor = await floorSession(local.pid);
  try {
    log(`warming up (${warmup} runs each)`);
    for (let i = 0; i < warmup; i++) {
      await throughWorkbench('1+1');
      await floor.execute('1+1');
    }
    const workbenchMs: number[] = [];
    const floorMs: number[] = [];
    log(`measuring ${runs} runs each, interleaved`);
    for (let i = 0; i < runs; i++) {
      // Alternate which goes first, so neither always follows the other's idle message.
      if (i % 2 === 0) {
        workbenchMs.push(await throughWorkbench('1+1'));
        floorMs.push(await floor.execute('1+1'));
      } else {
        floorMs.push(await floor.execute('1+1'));
        workbenchMs.push(await throughWorkbench('1+1'));
      }
    }
    return { workbenchMs, floorMs };
  } finally {
    stop();
    await floor.close();
    await client.call('kernels.shutdown', { sessionId: session.sessionId });
  }
}
