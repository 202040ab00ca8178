import type Database from 'better-sqlite3';
import { WorkbenchError, type RegistryRemote } from '../../../shared/contract';
import type { SecretBox } from '../../secrets';
import type { MlflowEndpoint, RemoteLogin } from './http';

/** What `registry.setRemote` takes: the server and how to log in. */
export interface RemoteInput {
  url: string;
  credentials: { kind: 'none' } | { kind: 'token'; token: string } | { kind: 'basic'; username: string; password: string };
}

interface RemoteRow {
  url: string;
  auth: RegistryRemote['auth'];
  username: string | null;
  secret_enc: Buffer | null;
}

/**
 * The shared MLflow server of one workspace (table `registry_remote`, one row).
 * The secret (token or password) is kept on disk only encrypted by the
 * SecretBox; without one (server mode) it lives in this process until it
 * stops, and must be given again after a restart. It never goes into a log
 * line, an error message or an answer.
 */
export class RemoteSettings {
  /** Secrets by workspace store file, for hosts without a SecretBox (and as a cache of decrypted ones). */
  private readonly memory = new Map<string, string>();

  constructor(private readonly secrets: SecretBox | undefined) {}

  describe(db: Database.Database): RegistryRemote | null {
    const row = readRow(db);
    if (!row) return null;
    const hasSecret = row.auth !== 'none' && (row.secret_enc !== null ? this.secrets !== undefined : this.memory.has(db.name));
    return { url: row.url, auth: row.auth, username: row.username, hasSecret };
  }

  /** The endpoint to talk to, secret included; `registry_auth_failed` when the secret is no longer at hand. */
  async endpoint(db: Database.Database): Promise<MlflowEndpoint> {
    const row = readRow(db);
    if (!row) throw new WorkbenchError('not_found', 'No shared MLflow registry is set for this workspace: set one first (Models ▸ Shared registry).');
    if (row.auth === 'none') return { url: row.url, login: { kind: 'none' } };
    const secret = this.memory.get(db.name) ?? (await this.unseal(db, row));
    if (secret === null) {
      throw new WorkbenchError('registry_auth_failed', `The ${row.auth === 'token' ? 'token' : 'password'} for ${row.url} is no longer kept (the app restarted without a keychain, or the keychain changed): set the remote again.`);
    }
    const login: RemoteLogin = row.auth === 'token' ? { kind: 'token', token: secret } : { kind: 'basic', username: row.username ?? '', password: secret };
    return { url: row.url, login };
  }

  async set(db: Database.Database, input: RemoteInput): Promise<RegistryRemote> {
    const url = normaliseUrl(input.url);
    const { credentials } = input;
    const secret = credentials.kind === 'token' ? credentials.token : credentials.kind === 'basic' ? credentials.password : null;
    const sealed = secret !== null && this.secrets ? await this.secrets.encrypt(secret) : null;
    db.prepare(
      `INSERT INTO registry_remote (id, url, auth, username, secret_enc, updated_at) VALUES (1, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET url = excluded.url, auth = excluded.auth, username = excluded.username, secret_enc = excluded.secret_enc, updated_at = excluded.updated_at`,
    ).run(url, credentials.kind, credentials.kind === 'basic' ? credentials.username : null, sealed, Date.now());
    if (secret === null) this.memory.delete(db.name);
    else this.memory.set(db.name, secret);
    const described = this.describe(db);
    if (!described) throw new Error('the remote row vanished after it was written');
    return described;
  }

  forget(db: Database.Database): void {
    this.memory.delete(db.name);
    db.prepare('DELETE FROM registry_remote').run();
  }

  private async unseal(db: Database.Database, row: RemoteRow): Promise<string | null> {
    if (!row.secret_enc || !this.secrets) return null;
    try {
      const secret = await this.secrets.decrypt(row.secret_enc);
      this.memory.set(db.name, secret);
      return secret;
    } catch {
      // Another machine's or user's keychain: ask for it again rather than fail with the keychain's error.
      return null;
    }
  }
}

function readRow(db: Database.Database): RemoteRow | undefined {
  return db.prepare<[], RemoteRow>('SELECT url, auth, username, secret_enc FROM registry_remote WHERE id = 1').get();
}

/**
 * The server's base URL, ending with `/`. A URL pasted with MLflow's API path
 * (`.../api/2.0/mlflow`) is cut back to the base; credentials inside the URL
 * are refused, since the URL is shown and logged.
 */
export function normaliseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new WorkbenchError('invalid_input', `"${raw}" is not a URL.`, { field: 'url' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new WorkbenchError('invalid_input', `The registry URL must be http(s), not ${url.protocol}`, { field: 'url' });
  if (url.username || url.password) {
    throw new WorkbenchError('invalid_input', 'Put the user name and password in the credentials, not in the URL: the URL is shown and logged.', { field: 'url' });
  }
  url.search = '';
  url.hash = '';
  url.pathname = url.pathname.replace(/\/api\/2\.0\/mlflow(-artifacts)?\/?$/, '/').replace(/\/*$/, '/');
  return url.toString();
}
