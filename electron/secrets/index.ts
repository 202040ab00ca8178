/**
 * Encrypts secrets for storage (remote Jupyter tokens, git credentials). The
 * desktop app passes one backed by Electron's safeStorage (the OS keychain);
 * server mode has none, so secrets are kept in memory only and asked for again
 * after a restart. Nothing ever writes a secret in plain text.
 */
export interface SecretBox {
  encrypt(plain: string): Promise<Buffer>;
  decrypt(sealed: Buffer): Promise<string>;
}
