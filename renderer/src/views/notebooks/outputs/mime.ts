import { bundleOf, joinText, type MimeBundle, type NbOutput } from './nbformat';

/** The MIME types an output can be shown as, richest first. */
export const mimeOrder = [
  'application/vnd.plotly.v1+json',
  'text/html',
  'image/svg+xml',
  'image/png',
  'image/jpeg',
  'image/gif',
  'text/markdown',
  'application/json',
  'text/latex',
  'text/plain',
] as const;

export type ShownMime = (typeof mimeOrder)[number];

/** The richest MIME type of a display_data or execute_result that can be shown, or null. */
export function pickMime(output: NbOutput): ShownMime | null {
  const data = bundleOf(output.data);
  return mimeOrder.find((mime) => usable(data, mime)) ?? null;
}

function usable(data: MimeBundle, mime: ShownMime): boolean {
  if (!(mime in data)) return false;
  const value = data[mime];
  // JSON types hold JSON values (plotly's figure is an object); the others hold text.
  if (mime === 'application/json') return value !== undefined;
  if (mime === 'application/vnd.plotly.v1+json') return typeof value === 'object' && value !== null;
  return joinText(value) !== null;
}

/** Base64 as nbformat stores images: possibly split into lines. Null when it is not base64 at all. */
export function base64Of(value: unknown): string | null {
  const text = joinText(value);
  if (text === null) return null;
  const compact = text.replace(/\s+/g, '');
  return /^[A-Za-z0-9+/]*={0,2}$/.test(compact) ? compact : null;
}
