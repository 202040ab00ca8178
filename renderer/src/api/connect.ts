import {
  createClient,
  createHttpLink,
  createMessageLink,
  createSocketPort,
  SOCKET_PATH,
  type WorkbenchBridge,
  type WorkbenchClient,
} from '../../../shared/client';

declare global {
  interface Window {
    /** Present in the desktop app (the preload puts it there); absent in a browser. */
    readonly workbench?: WorkbenchBridge;
  }
}

/**
 * The one place that knows which host we run in: Electron IPC through the
 * preload bridge, or server mode over HTTP + WebSocket (the token travels in
 * the HttpOnly cookie set when the page was first opened).
 */
export function connect(): WorkbenchClient {
  if (window.workbench) return createClient(createMessageLink(window.workbench));
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const events = createSocketPort({ createSocket: () => new WebSocket(`${scheme}//${location.host}${SOCKET_PATH}`) });
  return createClient(createHttpLink({ baseUrl: '', events }));
}
