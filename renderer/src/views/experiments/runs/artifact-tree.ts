import type { ArtifactEntry } from '../../../../../shared/contract';

const trimSlashes = (path: string): string => path.replace(/^\/+|\/+$/g, '');

export function parentFolder(path: string): string {
  const trimmed = trimSlashes(path);
  const cut = trimmed.lastIndexOf('/');
  return cut < 0 ? '' : trimmed.slice(0, cut);
}

export function baseName(path: string): string {
  const trimmed = trimSlashes(path);
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || path;
}

/**
 * The entries directly inside `folder`, folders first, then by name. A listing
 * may be one folder or the whole tree; either way only the folder's own
 * entries are returned. Null when the listing holds nothing under the folder
 * (read it from the backend).
 */
export function childrenOf(entries: readonly ArtifactEntry[], folder: string): ArtifactEntry[] | null {
  const wanted = trimSlashes(folder);
  const inside = entries.filter((entry) => parentFolder(entry.path) === wanted);
  if (inside.length === 0 && wanted !== '') return null;
  return inside.sort((a, b) => Number(b.isDir) - Number(a.isDir) || a.path.localeCompare(b.path));
}

export function formatSize(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit] ?? 'TB'}`;
}
