import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, createReadStream, existsSync, linkSync, mkdirSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { WorkbenchError } from '../../shared/contract';

const HASH = /^[0-9a-f]{64}$/;

export interface StoredBlob {
  sha256: string;
  size: number;
  /** True when this call wrote the blob (it was not there before): the caller removes it again if its import fails. */
  created: boolean;
}

/**
 * Files stored by content: `<root>/sha256/<aa>/<hash>`. A blob is written to a
 * temporary file, fsynced and renamed into place, so a reader never sees half a
 * file; the same bytes are stored once. Blobs are read-only on disk: packages
 * are hard links to them, and an edit through a link would change every version.
 */
export class BlobStore {
  /** Blobs an import in progress has stored but not yet recorded: a delete must not remove them meanwhile. */
  readonly held = new Set<string>();

  constructor(readonly root: string) {}

  path(sha256: string): string {
    if (!HASH.test(sha256)) throw new WorkbenchError('invalid_input', `"${sha256}" is not a sha256 hash.`, { field: 'sha256' });
    return join(this.root, 'sha256', sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.path(sha256));
  }

  /** Copies a file in, hashing it on the way. */
  async put(file: string, signal?: AbortSignal): Promise<StoredBlob> {
    const tmpDir = join(this.root, 'tmp');
    mkdirSync(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${randomBytes(8).toString('hex')}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const out = await open(tmp, 'wx', 0o644);
    try {
      for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20, ...(signal ? { signal } : {}) })) {
        const bytes = chunk as Buffer;
        hash.update(bytes);
        size += bytes.length;
        await out.write(bytes);
      }
      await out.sync();
    } catch (error) {
      await out.close().catch(() => undefined);
      rmSync(tmp, { force: true });
      throw error;
    }
    await out.close();
    const sha256 = hash.digest('hex');
    const target = this.path(sha256);
    if (existsSync(target)) {
      unlinkSync(tmp);
      return { sha256, size, created: false };
    }
    mkdirSync(dirname(target), { recursive: true });
    chmodSync(tmp, 0o444);
    renameSync(tmp, target);
    return { sha256, size, created: true };
  }

  remove(sha256: string): void {
    rmSync(this.path(sha256), { force: true });
  }

  size(sha256: string): number {
    return statSync(this.path(sha256)).size;
  }

  /**
   * Puts the blob at `target` as a hard link, or a copy where links are not
   * possible (another file system, a file system without them).
   */
  linkTo(sha256: string, target: string): void {
    const source = this.path(sha256);
    mkdirSync(dirname(target), { recursive: true });
    try {
      linkSync(source, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        throw new WorkbenchError('model_invalid', `The stored file ${sha256} is missing from ${this.root}; the registry's files were changed outside the workbench.`, { sha256 });
      }
      copyFileSync(source, target);
    }
  }
}
