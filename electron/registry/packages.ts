import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BlobStore } from './blobs';

/**
 * A version's package as a folder, made on demand under
 * `<registry>/packages/<name>/<version>/` from hard links to its blobs: no
 * bytes are copied, and a folder that is there and whole is used as it is.
 */
export class PackageFolders {
  constructor(
    readonly root: string,
    private readonly blobs: BlobStore,
  ) {}

  folder(name: string, version: number): string {
    return join(this.root, name, String(version));
  }

  materialise(name: string, version: number, files: readonly { path: string; size: number; sha256: string }[]): string {
    const target = this.folder(name, version);
    if (this.isWhole(target, files)) return target;
    mkdirSync(join(this.root, name), { recursive: true });
    // Built beside the target and renamed in, so a reader (a model server) never sees half a package.
    const tmp = join(this.root, `.tmp-${randomBytes(6).toString('hex')}`);
    try {
      for (const file of files) this.blobs.linkTo(file.sha256, join(tmp, ...file.path.split('/')));
      this.moveIn(tmp, target, files);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
    return target;
  }

  /**
   * Renames the built folder into place. Another process (a second model
   * server, a batch job) may have put the same package there meanwhile and be
   * reading it: a whole one is kept, never deleted under its reader; only a
   * broken one (a crash's leftovers) is moved aside first.
   */
  private moveIn(tmp: string, target: string, files: readonly { path: string; size: number; sha256: string }[]): void {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        renameSync(tmp, target);
        return;
      } catch (error) {
        // A folder cannot be renamed over one that holds files: ENOTEMPTY or EEXIST (EPERM on Windows).
        if (!['ENOTEMPTY', 'EEXIST', 'EPERM'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
        if (this.isWhole(target, files)) return;
        const aside = join(this.root, `.old-${randomBytes(6).toString('hex')}`);
        try {
          renameSync(target, aside);
        } catch (moved) {
          if ((moved as NodeJS.ErrnoException).code !== 'ENOENT') throw moved;
        }
        rmSync(aside, { recursive: true, force: true });
      }
    }
    if (!this.isWhole(target, files)) throw new Error(`${target}: the package could not be put in place`);
  }

  /** Every file there, with its size, and the very blob (same inode) when hard links were possible. */
  private isWhole(target: string, files: readonly { path: string; size: number; sha256: string }[]): boolean {
    if (!existsSync(target)) return false;
    return files.every((file) => {
      const stat = statSync(join(target, ...file.path.split('/')), { throwIfNoEntry: false });
      if (!stat || stat.size !== file.size) return false;
      const blob = statSync(this.blobs.path(file.sha256), { throwIfNoEntry: false });
      return blob !== undefined && (stat.ino === blob.ino || stat.nlink === 1);
    });
  }

  remove(name: string, version?: number): void {
    rmSync(version === undefined ? join(this.root, name) : this.folder(name, version), { recursive: true, force: true });
  }
}
