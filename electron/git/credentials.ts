import type Database from 'better-sqlite3';
import type { CredentialsInput, GitRemote } from '../../shared/contract';
import type { SecretBox } from '../secrets';

export type CredentialsSummary = NonNullable<GitRemote['credentials']>;

/** What isomorphic-git's onAuth hands to the remote. */
export interface RemoteLogin {
  username: string;
  password: string;
}

interface Kept {
  kind: CredentialsInput['kind'];
  username: string | null;
  secret: string;
}

interface CredentialRow {
  kind: CredentialsInput['kind'];
  username: string | null;
  secret_enc: Buffer;
}

export interface GitCredentialsOptions {
  /** The workspace's store (`workspace.active().store.db`). */
  db: Database.Database;
  /** The desktop's keychain-backed encryption; without it (server mode) secrets stay in memory only. */
  secrets?: SecretBox;
}

/** The user name a token is sent with when none is given: GitHub and GitLab accept any, this is the conventional one. */
export const TOKEN_USERNAME = 'x-access-token';

/** The login a set of credentials gives (a token goes as the password). */
export function loginFor(input: CredentialsInput): RemoteLogin {
  return input.kind === 'token'
    ? { username: input.username?.trim() || TOKEN_USERNAME, password: input.token }
    : { username: input.username, password: input.password };
}

/**
 * Credentials for http(s) remotes, keyed by the remote's URL. On disk only
 * encrypted by the SecretBox (table `git_credentials`); in server mode they
 * live in this process until it stops. The secret never goes into
 * `.git/config`, a log line or an error message.
 */
export class GitCredentials {
  private readonly memory = new Map<string, Kept>();

  constructor(private readonly options: GitCredentialsOptions) {}

  get persisted(): boolean {
    return this.options.secrets !== undefined;
  }

  async set(remoteUrl: string, input: CredentialsInput): Promise<void> {
    const kept: Kept = input.kind === 'token'
      ? { kind: 'token', username: input.username?.trim() || null, secret: input.token }
      : { kind: 'basic', username: input.username, secret: input.password };
    const { secrets, db } = this.options;
    if (secrets) {
      const sealed = await secrets.encrypt(kept.secret);
      db.prepare(
        `INSERT INTO git_credentials (remote_url, kind, username, secret_enc, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (remote_url) DO UPDATE SET kind = excluded.kind, username = excluded.username, secret_enc = excluded.secret_enc, created_at = excluded.created_at`,
      ).run(remoteUrl, kept.kind, kept.username, sealed, new Date().toISOString());
    }
    this.memory.set(remoteUrl, kept);
  }

  forget(remoteUrl: string): void {
    this.memory.delete(remoteUrl);
    this.options.db.prepare('DELETE FROM git_credentials WHERE remote_url = ?').run(remoteUrl);
  }

  /** What is kept for the URL, without the secret; null when nothing is. */
  describe(remoteUrl: string): CredentialsSummary | null {
    const row = this.row(remoteUrl);
    if (row && this.options.secrets) return { kind: row.kind, username: row.username, persisted: true };
    const kept = this.memory.get(remoteUrl);
    return kept ? { kind: kept.kind, username: kept.username, persisted: false } : null;
  }

  /** The login to send to the remote; null when nothing is kept or it can no longer be decrypted. */
  async get(remoteUrl: string): Promise<RemoteLogin | null> {
    const kept = this.memory.get(remoteUrl) ?? (await this.unseal(remoteUrl));
    if (!kept) return null;
    return { username: kept.username ?? (kept.kind === 'token' ? TOKEN_USERNAME : ''), password: kept.secret };
  }

  private row(remoteUrl: string): CredentialRow | undefined {
    return this.options.db.prepare<[string], CredentialRow>('SELECT kind, username, secret_enc FROM git_credentials WHERE remote_url = ?').get(remoteUrl);
  }

  private async unseal(remoteUrl: string): Promise<Kept | null> {
    const { secrets } = this.options;
    const row = this.row(remoteUrl);
    if (!row || !secrets) return null;
    try {
      const kept: Kept = { kind: row.kind, username: row.username, secret: await secrets.decrypt(row.secret_enc) };
      this.memory.set(remoteUrl, kept);
      return kept;
    } catch {
      // The keychain changed (another machine, another user): ask for them again rather than fail every transfer.
      return null;
    }
  }
}
