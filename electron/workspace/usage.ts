import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { WorkbenchError, type WorkspaceUsage } from '../../shared/contract';
import type { JobContext } from '../jobs';

const PROGRESS_EVERY = 250;

/** Walks the workspace (links are not followed) and sums file sizes per top-level item. */
export async function measureUsage(root: string, context: JobContext): Promise<WorkspaceUsage> {
  context.progress(null, 'Listing files');
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  const byTop = new Map<string, { bytes: number; files: number }>();
  let totalBytes = 0;

  for (const [index, entry] of files.entries()) {
    if (context.signal.aborted) throw new WorkbenchError('cancelled', 'Measuring disk usage was cancelled.');
    const path = join(entry.parentPath, entry.name);
    const size = await lstat(path).then((s) => s.size, () => 0); // Gone meanwhile: counts as nothing.
    const top = relative(root, path).split(sep)[0] ?? entry.name;
    const bucket = byTop.get(top) ?? { bytes: 0, files: 0 };
    bucket.bytes += size;
    bucket.files += 1;
    byTop.set(top, bucket);
    totalBytes += size;
    if (index % PROGRESS_EVERY === 0) {
      context.progress(index / files.length, `Measured ${index.toLocaleString('en')} of ${files.length.toLocaleString('en')} files`);
    }
  }

  return {
    path: root,
    totalBytes,
    files: files.length,
    entries: [...byTop.entries()]
      .map(([name, bucket]) => ({ name, ...bucket }))
      .sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name)),
  };
}
