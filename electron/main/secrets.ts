import { safeStorage } from 'electron';
import type { SecretBox } from '../secrets';

/**
 * The desktop's secret box: Electron's safeStorage, which encrypts with a key
 * kept by the OS (Keychain, DPAPI, or the Secret Service / KWallet on Linux).
 * Where Linux has no keyring, Electron falls back to a fixed key
 * ("basic_text"), which is not secrecy: then there is no box, and tokens stay
 * in memory only, as in server mode. Call after the app is ready.
 */
export async function desktopSecretBox(): Promise<SecretBox | undefined> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    encrypt: (plain) => safeStorage.encryptStringAsync(plain),
    decrypt: async (sealed) => (await safeStorage.decryptStringAsync(sealed)).result,
  };
}
