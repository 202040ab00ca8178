import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { httpStatusForCode } from '../../shared/contract';
import { SOCKET_PATH } from '../../shared/client/wire';
import { openConnection, toApiError, type EventBus, type Router } from '../api';
import type { Logger } from '../log';
import type { Guard } from './guard';

const HEARTBEAT_MS = 30_000;

export interface SocketServer {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

/** The WebSocket at `/api/socket`: the wire protocol, with events pushed as they happen. */
export function createSocketServer(options: { router: Router; bus: EventBus; guard: Guard; log: Logger }): SocketServer {
  const { router, bus, guard, log } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const alive = new WeakSet<WebSocket>();

  wss.on('connection', (ws) => {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    const connection = openConnection({ router, bus, log, send: (message) => ws.send(JSON.stringify(message)) });
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let message: unknown;
      try {
        message = JSON.parse(textOf(data));
      } catch {
        log.warn('dropped a socket message that is not JSON');
        return;
      }
      connection.receive(message);
    });
    ws.on('close', () => connection.close());
    ws.on('error', (error) => log.warn('socket error', { error: String(error) }));
  });

  // Drop peers that vanished without closing (a laptop lid shut), so their subscriptions go too.
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    handleUpgrade(request, socket, head) {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname;
      try {
        if (path !== SOCKET_PATH) {
          socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
          return;
        }
        guard.checkSource(request);
        guard.checkToken(request);
      } catch (error) {
        const apiError = toApiError(error, 'socket', log);
        socket.end(`HTTP/1.1 ${httpStatusForCode[apiError.code]} ${apiError.code}\r\nConnection: close\r\n\r\n`);
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    close() {
      clearInterval(heartbeat);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}

function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
