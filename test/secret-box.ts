import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretBox } from '../electron/secrets';

/**
 * A stand-in for the desktop's keychain-backed SecretBox (Electron's
 * safeStorage cannot run here): AES-256-GCM with a key held in memory, so what
 * is stored is really encrypted and another box cannot open it.
 */
export function testSecretBox(): SecretBox {
  const key = randomBytes(32);
  return {
    encrypt: (plain) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Promise.resolve(Buffer.concat([iv, cipher.getAuthTag(), body]));
    },
    decrypt: (sealed) => {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Promise.resolve(Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8'));
    },
  };
}
