/** Helpers for exporting and saving a result; pure, so they are tested alone. */

/** POSIX (/x), Windows drive (C:\x, C:/x) or UNC (\\server\share) paths: what the backend accepts as absolute. */
export function isAbsolutePath(path: string): boolean {
  return /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path.trim());
}

/** The path with the format's extension in place of a .csv or .parquet one. */
export function withExtension(path: string, format: 'csv' | 'parquet'): string {
  const bare = path.replace(/\.(csv|parquet)$/i, '');
  return `${bare}.${format}`;
}

/** A dataset name from a tab title: letters, digits and _, starting with a letter or _. */
export function suggestDatasetName(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^\w\s]/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '_')
    .slice(0, 63);
  if (slug === '') return 'query_result';
  return /^[a-z_]/.test(slug) ? slug : `q_${slug}`.slice(0, 63);
}

export function exportPathFor(workspacePath: string | undefined, title: string, format: 'csv' | 'parquet'): string {
  if (!workspacePath) return '';
  const separator = workspacePath.includes('\\') && !workspacePath.includes('/') ? '\\' : '/';
  return `${workspacePath.replace(/[\\/]+$/, '')}${separator}${suggestDatasetName(title)}.${format}`;
}

/** Query times: milliseconds under a second, then seconds, then minutes. */
export function formatDuration(seconds: number): string {
  if (seconds < 1) return `${Math.max(1, Math.round(seconds * 1000))} ms`;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 2 : 1)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds % 60)} s`;
}
