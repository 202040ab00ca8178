import { randomUUID } from 'node:crypto';
import { WorkbenchError, type JupyterServer, type JupyterStatus } from '../../shared/contract';
import type { JobContext } from '../jobs';
import type { Logger } from '../log';
import type { WorkspaceService } from '../workspace';
import { discoverServers, findJupyter, INSTALL_HINT, runtimeDir } from './discovery';
import { startLocalServer, type LocalServer } from './local-server';
import type { SecretBox } from '../secrets';

/** What kernels need to reach a server. */
export interface ServerAccess {
  id: string;
  url: string;
  token: string;
}

const ACTIVE_KEY = 'jupyter.active';

interface RemoteRow {
  id: string;
  url: string;
  label: string;
  token_enc: Buffer | null;
}

/**
 * The Jupyter servers a workspace can use: found running on this machine,
 * started by the workbench (stopped when it quits), or remote by URL and
 * token. Tokens stay in this process; on disk only encrypted, and only when a
 * SecretBox exists (the desktop app).
 */
export class JupyterServers {
  private readonly locals = new Map<string, LocalServer>();
  private readonly tokens = new Map<string, string>();
  private readonly problems = new Map<string, string>();

  constructor(
    private readonly options: {
      workspace: WorkspaceService;
      log: Logger;
      secrets?: SecretBox;
      onChange: () => void;
      /** A server the workbench started has exited. */
      onGone?: (id: string, reason: string) => void;
      /** For tests: where running servers leave their files. */
      runtimeDir?: string;
      env?: NodeJS.ProcessEnv;
    },
  ) {}

  status(): JupyterStatus {
    const command = findJupyter(this.options.env);
    const servers = this.all();
    const stored = this.activeId();
    const activeId = servers.some((s) => s.id === stored) ? stored : null;
    return { command: command ? [command.command, ...command.args].join(' ') : null, installHint: INSTALL_HINT, servers, activeId };
  }

  /** The active server, with its token; a clear error when there is none or it cannot be used. */
  async active(): Promise<ServerAccess> {
    const id = this.activeId();
    const server = this.all().find((s) => s.id === id);
    if (!id || !server) throw new WorkbenchError('jupyter_unreachable', 'No Jupyter server is in use: start one for the workspace or connect to a remote one (Notebooks ▸ Connections).');
    if (server.state === 'failed' || server.state === 'stopped') throw new WorkbenchError('jupyter_unreachable', `The Jupyter server ${server.label} is ${server.state}: ${server.problem ?? 'start or connect again'}.`);
    const token = this.tokens.get(id) ?? (await this.unseal(id));
    if (token === undefined) throw new WorkbenchError('jupyter_auth_failed', `The token for ${server.label} is not kept in server mode: connect again with it.`);
    return { id, url: server.url, token };
  }

  async startLocal(context: JobContext): Promise<JupyterServer> {
    const command = findJupyter(this.options.env);
    if (!command) throw new WorkbenchError('jupyter_missing', `Jupyter is not installed. ${INSTALL_HINT}`);
    const root = this.options.workspace.active().info.path;
    context.progress(null, 'Starting Jupyter');
    let id = '';
    const local = await startLocalServer({
      command,
      rootDir: root,
      log: this.options.log,
      signal: context.signal,
      onExit: () => {
        this.problems.set(id, 'Jupyter exited; see its log');
        this.options.onGone?.(id, 'The Jupyter server exited.');
        this.options.onChange();
      },
    });
    id = `local:${local.pid ?? randomUUID()}`;
    this.locals.set(id, local);
    this.tokens.set(id, local.token);
    this.setActive(id);
    return this.server(id);
  }

  async stop(id: string): Promise<JupyterStatus> {
    const local = this.locals.get(id);
    if (!local) throw new WorkbenchError('not_found', 'Only a Jupyter server started by the workbench can be stopped here.');
    await local.stop();
    this.locals.delete(id);
    this.tokens.delete(id);
    this.options.onChange();
    return this.status();
  }

  async connect(input: { url: string; token: string; label?: string }): Promise<JupyterServer> {
    const url = input.url.replace(/\/?$/, '/');
    await checkReachable(url, input.token);
    const db = this.options.workspace.active().store.db;
    const existing = db.prepare<[string], { id: string }>('SELECT id FROM jupyter_servers WHERE url = ?').get(url);
    const id = existing?.id ?? randomUUID();
    const sealed = this.options.secrets ? await this.options.secrets.encrypt(input.token) : null;
    const label = input.label || new URL(url).host;
    db.prepare(
      `INSERT INTO jupyter_servers (id, url, label, token_enc, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET label = excluded.label, token_enc = excluded.token_enc`,
    ).run(id, url, label, sealed, new Date().toISOString());
    this.tokens.set(id, input.token);
    this.problems.delete(id);
    this.setActive(id);
    this.options.log.info('connected to a remote Jupyter server', { url, tokenSaved: sealed !== null });
    return this.server(id);
  }

  use(id: string): JupyterStatus {
    if (!this.all().some((s) => s.id === id)) throw new WorkbenchError('not_found', `No Jupyter server ${id}.`);
    this.setActive(id);
    return this.status();
  }

  forget(id: string): JupyterStatus {
    const removed = this.options.workspace.active().store.db.prepare('DELETE FROM jupyter_servers WHERE id = ?').run(id);
    if (removed.changes === 0) throw new WorkbenchError('not_found', 'Only a remote server can be forgotten.');
    this.tokens.delete(id);
    this.options.onChange();
    return this.status();
  }

  log(id: string): string[] {
    const local = this.locals.get(id);
    if (!local) throw new WorkbenchError('not_found', 'Logs exist for servers the workbench started.');
    return local.log();
  }

  /** Marks a server unreachable (a kernel call failed on it), or reachable again. */
  report(id: string, problem: string | null): void {
    if ((this.problems.get(id) ?? null) === problem) return;
    if (problem === null) this.problems.delete(id);
    else this.problems.set(id, problem);
    this.options.onChange();
  }

  async close(): Promise<void> {
    await Promise.all([...this.locals.values()].map((local) => local.stop()));
    this.locals.clear();
  }

  private server(id: string): JupyterServer {
    const found = this.all().find((s) => s.id === id);
    if (!found) throw new WorkbenchError('internal', `server ${id} vanished`);
    return found;
  }

  private all(): JupyterServer[] {
    const servers: JupyterServer[] = [];
    const localPids = new Set<number>();
    for (const [id, local] of this.locals) {
      const { state, problem } = local.state();
      if (local.pid !== null) localPids.add(local.pid);
      servers.push({ id, kind: 'local', label: 'This workspace (started by the workbench)', url: local.url, state, problem: this.problems.get(id) ?? problem, hasToken: true, tokenSaved: false, pid: local.pid });
    }
    for (const found of discoverServers(this.options.runtimeDir ?? runtimeDir(this.options.env))) {
      if (localPids.has(found.pid)) continue;
      const id = `discovered:${found.pid}`;
      this.tokens.set(id, found.token);
      const label = `Running on this machine${found.rootDir ? ` in ${found.rootDir}` : ''}`;
      servers.push({ id, kind: 'discovered', label, url: found.url, state: 'running', problem: this.problems.get(id) ?? null, hasToken: true, tokenSaved: false, pid: found.pid });
    }
    const store = this.options.workspace.current() ? this.options.workspace.active().store.db : null;
    const remotes = store ? store.prepare<[], RemoteRow>('SELECT id, url, label, token_enc FROM jupyter_servers ORDER BY created_at').all() : [];
    for (const row of remotes) {
      const problem = this.problems.get(row.id) ?? null;
      servers.push({
        id: row.id,
        kind: 'remote',
        label: row.label,
        url: row.url,
        state: problem ? 'unreachable' : 'running',
        problem,
        hasToken: this.tokens.has(row.id) || (row.token_enc !== null && this.options.secrets !== undefined),
        tokenSaved: row.token_enc !== null,
        pid: null,
      });
    }
    return servers;
  }

  /** A saved token, decrypted on first use. */
  private async unseal(id: string): Promise<string | undefined> {
    const row = this.options.workspace.active().store.db.prepare<[string], RemoteRow>('SELECT id, url, label, token_enc FROM jupyter_servers WHERE id = ?').get(id);
    if (!row?.token_enc || !this.options.secrets) return undefined;
    try {
      const token = await this.options.secrets.decrypt(row.token_enc);
      this.tokens.set(id, token);
      return token;
    } catch (error) {
      this.options.log.warn('a saved Jupyter token could not be decrypted', { url: row.url, error: String(error) });
      return undefined;
    }
  }

  private activeId(): string | null {
    if (!this.options.workspace.current()) return null;
    const row = this.options.workspace.active().store.db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(ACTIVE_KEY);
    return row?.value ?? null;
  }

  private setActive(id: string): void {
    this.options.workspace
      .active()
      .store.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(ACTIVE_KEY, id);
    this.options.onChange();
  }
}

/** Checks a server answers with this token: unreachable and refused are told apart. */
export async function checkReachable(url: string, token: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(new URL('api/status', url), { headers: token ? { Authorization: `token ${token}` } : {}, signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new WorkbenchError('jupyter_unreachable', `Jupyter at ${url} did not answer (${cause?.code ?? cause?.message ?? (error as Error).message}). Check the URL and that the server runs.`);
  }
  if (response.status === 401 || response.status === 403) throw new WorkbenchError('jupyter_auth_failed', `Jupyter at ${url} refused the token (HTTP ${response.status}).`);
  if (!response.ok) throw new WorkbenchError('jupyter_unreachable', `Jupyter at ${url} answered HTTP ${response.status} to /api/status; is this a Jupyter server (for JupyterHub, use your server's URL, /user/NAME/)?`);
}
