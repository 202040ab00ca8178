import { credentialsInput, remoteUrl, type CredentialsInput } from '../../../../../shared/contract';

export type CredentialKind = 'none' | 'token' | 'basic';

export interface CloneDraft {
  url: string;
  path: string;
  kind: CredentialKind;
  username: string;
  secret: string;
}

export type CloneRequest = { url: string; path: string; credentials?: CredentialsInput };

/** The folder name git would pick: the URL's last part without `.git`. */
export function repositoryName(url: string): string {
  const last = url.trim().replace(/\/+$/, '').split('/').pop() ?? '';
  return last.replace(/\.git$/i, '');
}

/** A destination beside the open workspace, named after the repository; null when either is unknown. */
export function suggestedPath(workspacePath: string | null, url: string): string | null {
  const name = repositoryName(url);
  if (!workspacePath || !name || !/^https?:\/\/[^/]+\/./i.test(url.trim())) return null;
  const cut = Math.max(workspacePath.lastIndexOf('/'), workspacePath.lastIndexOf('\\'));
  if (cut < 0) return null;
  return `${workspacePath.slice(0, cut + 1)}${name}`;
}

/** The request to send, or what is wrong with the form, in the contract's own words. */
export function cloneRequest(draft: CloneDraft): { request: CloneRequest } | { problem: string } {
  const url = remoteUrl.safeParse(draft.url);
  if (!url.success) return { problem: `URL: ${url.error.issues[0]?.message ?? 'not valid'}` };
  if (!draft.path.trim()) return { problem: 'Destination: a folder path is required' };
  if (draft.kind === 'none') return { request: { url: url.data, path: draft.path.trim() } };
  const raw = draft.kind === 'token' ? { kind: 'token', token: draft.secret, ...(draft.username.trim() ? { username: draft.username.trim() } : {}) } : { kind: 'basic', username: draft.username.trim(), password: draft.secret };
  const credentials = credentialsInput.safeParse(raw);
  if (!credentials.success) return { problem: draft.kind === 'token' ? 'Token: paste the access token' : 'A user name and a password are both required' };
  return { request: { url: url.data, path: draft.path.trim(), credentials: credentials.data } };
}
