/** Small formatters the Models stage shows figures with. */

/** A metric for a table cell: integers as they are, others to 4 significant digits. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e9)) return value.toExponential(3);
  return String(Number(value.toPrecision(4)));
}

/** A difference with its sign: `+0.012`, `−3`, `0`. */
export function formatDelta(value: number): string {
  if (value === 0) return '0';
  return `${value > 0 ? '+' : '−'}${formatNumber(Math.abs(value))}`;
}

/** `2025-03-04 14:05` in local time. */
export function formatTime(ms: number): string {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return '—';
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** An ISO timestamp (the audit log's) in local time, or as given when it does not parse. */
export function formatIsoTime(at: string): string {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? at : formatTime(ms);
}

const units = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Bytes in binary units, one decimal above a kilobyte: `512 B`, `1.5 KB`, `3.2 MB`. */
export function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit] ?? ''}`;
}

/** The first 12 hex digits of a sha256 or a fingerprint (less any `sha256:` prefix); enough to tell them apart on screen. */
export function shortHash(hash: string): string {
  const digits = hash.replace(/^[a-z0-9]+:/i, '');
  return digits.length > 12 ? digits.slice(0, 12) : digits;
}

/** `1 file`, `3 files`. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}
