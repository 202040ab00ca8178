/** The one Electron IPC channel that carries the wire messages. */
export const IPC_CHANNEL = 'workbench:wire';

/**
 * What the preload script exposes on `window.workbench`: two flat functions on
 * one channel. Never raw ipcRenderer, never a Proxy (a Proxy cannot cross
 * contextBridge). Kept free of other imports so the sandboxed preload stays tiny.
 */
export interface WorkbenchBridge {
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
}
