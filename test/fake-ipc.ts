import type { IpcEvent, IpcMainLike } from '../electron/api';
import type { IpcRendererLike } from '../electron/preload/api';

type MainListener = (event: IpcEvent, message: unknown) => void;
type RendererListener = (event: unknown, message: unknown) => void;

/**
 * FAKE: stands in for Electron's ipcMain and ipcRenderer, whose binary cannot
 * run here. Like the real ones, it delivers asynchronously and copies each
 * message with the structured-clone algorithm, so nothing but plain data crosses.
 */
export function createFakeIpcPair(frameUrl = 'app://workbench/'): {
  ipcMain: IpcMainLike;
  ipcRenderer: IpcRendererLike;
} {
  const mainListeners = new Map<string, Set<MainListener>>();
  const rendererListeners = new Map<string, Set<RendererListener>>();

  const sender = {
    id: 1,
    send(channel: string, message: unknown) {
      const copy = structuredClone(message);
      setImmediate(() => {
        for (const listener of rendererListeners.get(channel) ?? []) listener({}, copy);
      });
    },
    once: () => undefined, // the fake window is never destroyed
    isDestroyed: () => false,
  };

  const add = <L>(map: Map<string, Set<L>>, channel: string, listener: L): void => {
    let set = map.get(channel);
    if (!set) map.set(channel, (set = new Set()));
    set.add(listener);
  };

  return {
    ipcMain: {
      on: (channel, listener) => add(mainListeners, channel, listener),
      removeListener: (channel, listener) => mainListeners.get(channel)?.delete(listener),
    },
    ipcRenderer: {
      send(channel, message) {
        const copy = structuredClone(message);
        setImmediate(() => {
          for (const listener of mainListeners.get(channel) ?? []) listener({ sender, senderFrame: { url: frameUrl } }, copy);
        });
      },
      on: (channel, listener) => add(rendererListeners, channel, listener),
      removeListener: (channel, listener) => rendererListeners.get(channel)?.delete(listener),
    },
  };
}
