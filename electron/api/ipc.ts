import { IPC_CHANNEL } from '../../shared/client/bridge';
import type { ServerMessage } from '../../shared/client/wire';
import type { Logger } from '../log';
import { openConnection, type Connection } from './connection';
import type { EventBus } from './events';
import type { Router } from './router';

/** The parts of Electron's IpcMainEvent we use; structural so tests can pass a fake. */
export interface IpcSender {
  readonly id: number;
  send(channel: string, message: ServerMessage): void;
  once(event: 'destroyed', listener: () => void): unknown;
  isDestroyed(): boolean;
}

export interface IpcEvent {
  readonly sender: IpcSender;
  /** The frame that sent the message; null once it navigated away or was destroyed. */
  readonly senderFrame?: { readonly url: string } | null;
}

export interface IpcMainLike {
  on(channel: string, listener: (event: IpcEvent, message: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: IpcEvent, message: unknown) => void): unknown;
}

export interface ServeIpcOptions {
  ipcMain: IpcMainLike;
  router: Router;
  bus: EventBus;
  log: Logger;
  /** Drops messages from anything but the app's own windows and pages. */
  isTrustedSender: (event: IpcEvent) => boolean;
}

/** Serves the wire protocol on the one IPC channel, one connection per window. */
export function serveIpc({ ipcMain, router, bus, log, isTrustedSender }: ServeIpcOptions): () => void {
  const connections = new Map<number, Connection>();

  const listener = (event: IpcEvent, message: unknown): void => {
    if (!isTrustedSender(event)) {
      log.warn('dropped an IPC message from an untrusted sender', { sender: event.sender.id });
      return;
    }
    const { sender } = event;
    let connection = connections.get(sender.id);
    if (!connection) {
      connection = openConnection({
        router,
        bus,
        log,
        send: (reply) => {
          if (!sender.isDestroyed()) sender.send(IPC_CHANNEL, reply);
        },
      });
      connections.set(sender.id, connection);
      sender.once('destroyed', () => {
        connections.get(sender.id)?.close();
        connections.delete(sender.id);
      });
    }
    connection.receive(message);
  };

  ipcMain.on(IPC_CHANNEL, listener);
  return () => {
    ipcMain.removeListener(IPC_CHANNEL, listener);
    for (const connection of connections.values()) connection.close();
    connections.clear();
  };
}
