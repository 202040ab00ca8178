import { IPC_CHANNEL, type WorkbenchBridge } from '../../shared/client/bridge';

/** The parts of ipcRenderer the bridge uses; structural so tests pass a fake. */
export interface IpcRendererLike {
  send(channel: string, message: unknown): void;
  on(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, message: unknown) => void): unknown;
}

/** Two flat functions on one channel: all that the page ever gets of IPC. */
export function createBridge(ipc: IpcRendererLike): WorkbenchBridge {
  return {
    post: (message) => ipc.send(IPC_CHANNEL, message),
    onMessage(listener) {
      const forward = (_event: unknown, message: unknown): void => listener(message);
      ipc.on(IPC_CHANNEL, forward);
      return () => {
        ipc.removeListener(IPC_CHANNEL, forward);
      };
    },
  };
}
