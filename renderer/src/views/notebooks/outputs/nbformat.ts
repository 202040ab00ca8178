/**
 * nbformat v4 outputs as the editor holds them: plain JSON objects, exactly as
 * read from an .ipynb file or built from kernel messages. Text values may be a
 * string or a list of lines (nbformat's "multiline string"); every reader here
 * goes through `joinText`, so either form works.
 */
export type NbOutput = Record<string, unknown>;

/** A MIME bundle: MIME type to value (text, base64, or JSON for `+json` types). */
export type MimeBundle = Record<string, unknown>;

export type MultilineString = string | string[];

/** A string, or the lines of a multiline string joined; anything else is not text. */
export function joinText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((line) => typeof line === 'string')) return value.join('');
  return null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function outputType(output: NbOutput): string {
  return typeof output.output_type === 'string' ? output.output_type : '';
}

export function bundleOf(value: unknown): MimeBundle {
  return isRecord(value) ? value : {};
}

/** The metadata of one MIME type in an output (`metadata["image/png"]`), where nbformat keeps width, height and the like. */
export function mimeMetadata(output: NbOutput, mime: string): Record<string, unknown> {
  const metadata = bundleOf(output.metadata);
  return bundleOf(metadata[mime]);
}
