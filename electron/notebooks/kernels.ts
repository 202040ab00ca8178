import { KernelManager, KernelSpecAPI, ServerConnection, SessionManager, type Kernel, type KernelMessage, type Session } from '@jupyterlab/services';
import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import WebSocket from 'ws';
import { WorkbenchError, type KernelMessage as WireMessage, type KernelSession, type KernelSpec, type KernelState } from '../../shared/contract';
import type { Logger } from '../log';
import type { ServerAccess } from './servers';

/** iopub messages passed on to the UI; status and comm chatter are not. */
const OUTPUT_TYPES = new Set(['execute_input', 'stream', 'display_data', 'execute_result', 'update_display_data', 'clear_output', 'error']);

interface Held {
  id: string;
  server: ServerAccess;
  path: string;
  kernelName: string;
  session: Session.ISessionConnection;
  managers: { sessions: SessionManager; kernels: KernelManager };
  state: KernelState;
  /** Jupyter msg_id of each running request → the caller's requestId. */
  requests: Map<string, string>;
  /** Set while the connection is down and @jupyterlab/services retries. */
  lostTimer: NodeJS.Timeout | null;
}

/** How long a dropped connection may retry before the kernel shows as disconnected. */
const LOST_AFTER_MS = 8_000;

/** States a kernel passes through on its way up after a (re)start: a kernel_info answer ends them. */
const UNSETTLED: ReadonlySet<string> = new Set(['starting', 'restarting', 'autorestarting', 'unknown']);
const CONFIRM_EVERY_MS = 2_000;
const CONFIRM_ATTEMPTS = 30;

export interface KernelEvents {
  status(session: KernelSession): void;
  message(message: WireMessage): void;
  /** A call on this server failed to connect (or worked again: null). */
  serverProblem(serverId: string, problem: string | null): void;
}

function settings(server: ServerAccess): ServerConnection.ISettings {
  const wsUrl = server.url.replace(/^http/, 'ws');
  return ServerConnection.makeSettings({
    baseUrl: server.url,
    wsUrl,
    token: server.token,
    appendToken: true,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  });
}

/** Failures of the Jupyter REST API as the workbench's errors. */
function asWorkbenchError(error: unknown, server: ServerAccess): WorkbenchError {
  if (error instanceof WorkbenchError) return error;
  const status = (error as { response?: { status?: number } }).response?.status;
  if (status === 401 || status === 403) return new WorkbenchError('jupyter_auth_failed', `Jupyter at ${server.url} refused the token (HTTP ${status}).`);
  const message = error instanceof Error ? error.message : String(error);
  if (status === undefined) return new WorkbenchError('jupyter_unreachable', `Jupyter at ${server.url} could not be reached: ${message}`);
  return new WorkbenchError('jupyter_unreachable', `Jupyter at ${server.url} answered HTTP ${status}: ${message}`);
}

function lostReply(reason: string): Record<string, unknown> {
  return { status: 'error', ename: 'KernelConnectionError', evalue: `The kernel connection ended before the cell finished: ${reason}`, traceback: [] };
}

/** Kernel sessions, one per notebook path, through @jupyterlab/services. */
export class Kernels {
  private readonly held = new Map<string, Held>();

  constructor(private readonly events: KernelEvents, private readonly log: Logger) {}

  async specs(server: ServerAccess): Promise<{ defaultName: string | null; specs: KernelSpec[] }> {
    // A plain REST call: KernelSpecManager would poll, and its timer outlives dispose() by a minute.
    let found;
    try {
      found = await KernelSpecAPI.getSpecs(settings(server));
    } catch (error) {
      throw this.failed(error, server);
    }
    this.events.serverProblem(server.id, null);
    const specs = Object.values(found.kernelspecs).flatMap((spec) => (spec ? [{ name: spec.name, displayName: spec.display_name, language: spec.language }] : []));
    return { defaultName: found.default || null, specs };
  }

  async start(server: ServerAccess, path: string, kernelName: string): Promise<KernelSession> {
    const existing = [...this.held.values()].find((h) => h.path === path && h.server.id === server.id && h.state !== 'dead');
    if (existing) return this.describe(existing);
    const serverSettings = settings(server);
    const kernels = new KernelManager({ serverSettings });
    const sessions = new SessionManager({ kernelManager: kernels, serverSettings });
    let session: Session.ISessionConnection;
    try {
      session = await sessions.startNew({ path, type: 'notebook', name: basename(path), kernel: { name: kernelName } });
    } catch (error) {
      sessions.dispose();
      kernels.dispose();
      throw this.failed(error, server);
    }
    this.events.serverProblem(server.id, null);
    const held: Held = { id: randomUUID(), server, path, kernelName, session, managers: { sessions, kernels }, state: 'starting', requests: new Map(), lostTimer: null };
    this.held.set(held.id, held);
    this.watch(held);
    return this.describe(held);
  }

  list(): KernelSession[] {
    return [...this.held.values()].map((h) => this.describe(h));
  }

  execute(sessionId: string, code: string, requestId: string): void {
    const held = this.get(sessionId);
    const kernel = this.kernel(held);
    const future = kernel.requestExecute({ code, silent: false, store_history: true, allow_stdin: false, stop_on_error: true });
    held.requests.set(future.msg.header.msg_id, requestId);
    future.onIOPub = (message: KernelMessage.IIOPubMessage) => {
      // Display updates go out from the kernel-wide handler below, whichever request they belong to.
      if (!OUTPUT_TYPES.has(message.header.msg_type) || message.header.msg_type === 'update_display_data') return;
      this.events.message({ sessionId, requestId, type: message.header.msg_type, content: message.content as Record<string, unknown> });
    };
    // `done` settles once both the reply and the kernel's idle for this request came,
    // so every output of the request has been passed on before its `reply`. A request
    // already answered as lost (`markLost`) gets no second reply.
    const msgId = future.msg.header.msg_id;
    future.done.then(
      (reply) => {
        if (held.requests.delete(msgId)) this.events.message({ sessionId, requestId, type: 'reply', content: reply.content as unknown as Record<string, unknown> });
      },
      (error: unknown) => {
        if (held.requests.delete(msgId)) this.events.message({ sessionId, requestId, type: 'reply', content: lostReply(error instanceof Error ? error.message : String(error)) });
      },
    );
  }

  /** The server of these kernels is gone (a local one exited): say so now rather than after the retries. */
  serverGone(serverId: string, reason: string): void {
    for (const held of this.held.values()) if (held.server.id === serverId) this.markLost(held, reason);
  }

  async interrupt(sessionId: string): Promise<KernelSession> {
    const held = this.get(sessionId);
    await this.kernel(held).interrupt().catch((error: unknown) => Promise.reject(this.failed(error, held.server)));
    return this.describe(held);
  }

  async restart(sessionId: string): Promise<KernelSession> {
    const held = this.get(sessionId);
    const kernel = held.session.kernel;
    if (!kernel) throw new WorkbenchError('kernel_dead', 'This session has no kernel; shut it down and start a new one.');
    held.state = 'restarting';
    this.events.status(this.describe(held));
    await kernel.restart().catch((error: unknown) => Promise.reject(this.failed(error, held.server)));
    return this.describe(held);
  }

  async reconnect(sessionId: string): Promise<KernelSession> {
    const held = this.get(sessionId);
    await this.kernel(held).reconnect().catch((error: unknown) => Promise.reject(this.failed(error, held.server)));
    return this.describe(held);
  }

  async shutdown(sessionId: string): Promise<void> {
    const held = this.get(sessionId);
    this.held.delete(sessionId);
    if (held.lostTimer) clearTimeout(held.lostTimer);
    try {
      await held.session.shutdown();
    } catch (error) {
      // A server that is gone has no kernel left to stop; forget ours all the same.
      this.log.warn('shutting a kernel down failed', { path: held.path, error: String(error) });
    } finally {
      held.managers.sessions.dispose();
      held.managers.kernels.dispose();
    }
    held.state = 'dead';
    this.events.status(this.describe(held));
  }

  async complete(sessionId: string, code: string, cursor: number): Promise<{ matches: string[]; cursorStart: number; cursorEnd: number }> {
    const held = this.get(sessionId);
    const reply = await this.kernel(held).requestComplete({ code, cursor_pos: cursor });
    const content = reply.content;
    if (content.status !== 'ok') return { matches: [], cursorStart: cursor, cursorEnd: cursor };
    return { matches: content.matches, cursorStart: content.cursor_start, cursorEnd: content.cursor_end };
  }

  async inspect(sessionId: string, code: string, cursor: number): Promise<{ found: boolean; data: Record<string, unknown> }> {
    const held = this.get(sessionId);
    const reply = await this.kernel(held).requestInspect({ code, cursor_pos: cursor, detail_level: 0 });
    const content = reply.content;
    return content.status === 'ok' ? { found: content.found, data: content.data } : { found: false, data: {} };
  }

  /** Shuts down the kernels this process started (a kernel left behind would hold memory on the server). */
  async close(): Promise<void> {
    await Promise.all([...this.held.keys()].map((id) => this.shutdown(id)));
  }

  private watch(held: Held): void {
    const kernel = held.session.kernel;
    const update = (state: KernelState): void => {
      if (held.state === state) return;
      held.state = state;
      this.events.status(this.describe(held));
    };
    held.session.kernelChanged.connect((_, change) => change.newValue && this.watchKernel(change.newValue, held, update));
    if (kernel) this.watchKernel(kernel, held, update);
  }

  private watchKernel(kernel: Kernel.IKernelConnection, held: Held, update: (state: KernelState) => void): void {
    update(kernel.status);
    // After a restart the new kernel's first `idle` can pass while the WebSocket reconnects, and
    // the connection then reports `unknown`: an answer to kernel_info says the kernel is up.
    // A request made just before a reconnect is cancelled with the old socket, and one sent while the
    // socket is down can be lost: ask again every couple of seconds until the kernel answers.
    let confirming: NodeJS.Timeout | null = null;
    const confirmUp = (attempt = 0): void => {
      if (confirming) clearTimeout(confirming);
      confirming = null;
      if (kernel.isDisposed || attempt >= CONFIRM_ATTEMPTS) return;
      kernel.requestKernelInfo().then(
        () => {
          if (confirming) clearTimeout(confirming);
          confirming = null;
          if (UNSETTLED.has(held.state)) update('idle');
        },
        () => undefined,
      );
      confirming = setTimeout(() => {
        if (UNSETTLED.has(held.state)) confirmUp(attempt + 1);
      }, CONFIRM_EVERY_MS);
      confirming.unref();
    };
    kernel.statusChanged.connect((_, status) => {
      // While the connection is down the kernel's own states are stale; the lost timer speaks then.
      if (kernel.connectionStatus !== 'disconnected' && !(held.state === 'disconnected' && kernel.connectionStatus !== 'connected')) update(status);
      if (status === 'restarting' || status === 'autorestarting') confirmUp();
    });
    kernel.connectionStatusChanged.connect((_, connection) => {
      // `connecting` while @jupyterlab/services retries on its own; `disconnected` once it gave up.
      if (connection === 'connecting' && !held.lostTimer) {
        held.lostTimer = setTimeout(() => this.markLost(held, 'The connection to the kernel was lost: the server does not answer.'), LOST_AFTER_MS);
      } else if (connection === 'disconnected') {
        this.markLost(held, 'The connection to the kernel was lost.');
      } else if (connection === 'connected') {
        if (held.lostTimer) clearTimeout(held.lostTimer);
        held.lostTimer = null;
        this.events.serverProblem(held.server.id, null);
        // A request made before the reconnect may have been dropped with the old socket: ask again.
        const settled = !UNSETTLED.has(held.state);
        update(kernel.status);
        if (!settled || kernel.status === 'unknown') confirmUp();
      }
    });
    kernel.iopubMessage.connect((_, message) => {
      const type = message.header.msg_type;
      const parent = (message.parent_header as { msg_id?: string } | undefined)?.msg_id;
      const requestId = parent ? (held.requests.get(parent) ?? null) : null;
      // @jupyterlab/services hands an update_display_data only to the request that made the
      // display, usually long finished: it is passed on here, for every cell showing that display.
      if (type === 'update_display_data') {
        this.events.message({ sessionId: held.id, requestId, type, content: message.content as Record<string, unknown> });
        return;
      }
      // Output from outside a running request (threads, callbacks) still reaches the UI.
      if (requestId !== null || (type !== 'display_data' && type !== 'stream')) return;
      this.events.message({ sessionId: held.id, requestId: null, type, content: message.content as Record<string, unknown> });
    });
  }

  /** Shows the kernel as disconnected and ends its running requests with an error reply. */
  private markLost(held: Held, reason: string): void {
    if (held.lostTimer) clearTimeout(held.lostTimer);
    held.lostTimer = null;
    if (held.state !== 'disconnected') {
      held.state = 'disconnected';
      this.events.status(this.describe(held));
    }
    this.events.serverProblem(held.server.id, reason);
    for (const [msgId, requestId] of held.requests) {
      held.requests.delete(msgId);
      this.events.message({ sessionId: held.id, requestId, type: 'reply', content: lostReply(reason) });
    }
  }

  private get(sessionId: string): Held {
    const held = this.held.get(sessionId);
    if (!held) throw new WorkbenchError('not_found', 'No such kernel session: it was shut down; start the kernel again.');
    return held;
  }

  private kernel(held: Held): Kernel.IKernelConnection {
    const kernel = held.session.kernel;
    if (!kernel || held.state === 'dead') throw new WorkbenchError('kernel_dead', 'The kernel is dead: restart it to run code.');
    if (held.state === 'disconnected') throw new WorkbenchError('jupyter_unreachable', `The connection to the kernel on ${held.server.url} is lost: reconnect, or restart the kernel once the server is back.`);
    return kernel;
  }

  private failed(error: unknown, server: ServerAccess): WorkbenchError {
    const converted = asWorkbenchError(error, server);
    if (converted.code === 'jupyter_unreachable') this.events.serverProblem(server.id, converted.message);
    return converted;
  }

  private describe(held: Held): KernelSession {
    return { sessionId: held.id, serverId: held.server.id, path: held.path, kernelName: held.kernelName, state: held.state };
  }
}
