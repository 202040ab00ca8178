/**
 * Encrypts tokens for storage. The desktop app passes one backed by Electron's
 * safeStorage (the OS keychain); server mode has none, so remote tokens are
 * kept in memory only and asked for again after a restart. Nothing here ever
 * writes a token in plain text.
 */
export interface SecretBox {
  encrypt(plain: string): Promise<Buffer>;
  decrypt(sealed: Buffer): Promise<string>;
}
