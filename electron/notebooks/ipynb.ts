import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { notebookSchema, WorkbenchError, type NotebookCell, type NotebookDocument } from '../../shared/contract';

/**
 * Reading and writing .ipynb (nbformat 4) so that a round trip changes only
 * what the user changed: unchanged cells and metadata are written back as the
 * exact text they were read from, new or edited ones the way Jupyter writes
 * them (keys sorted, multi-line strings as lists of lines).
 */

export interface ReadNotebook {
  notebook: NotebookDocument;
  /** The file's text, kept to write unchanged parts back byte for byte. */
  text: string;
}

/** Parses and checks a notebook; errors name the file, and the line or field. */
export function parseNotebook(text: string, file: string): ReadNotebook {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new WorkbenchError('notebook_invalid', `${file} is not valid JSON: ${jsonProblem(text, error)}`, { file });
  }
  const version = (value as { nbformat?: unknown } | null)?.nbformat;
  if (typeof version === 'number' && version !== 4) {
    throw new WorkbenchError('notebook_invalid', `${file} is an nbformat ${version} notebook; only nbformat 4 opens here (convert it with \`jupyter nbconvert --to notebook --nbformat 4\`).`, { file });
  }
  const checked = notebookSchema.safeParse(value);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue ? issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '';
    throw new WorkbenchError('notebook_invalid', `${file} is not an nbformat 4 notebook: ${where ? `${where}: ` : ''}${issue?.message ?? 'unexpected shape'}`, { file, field: where });
  }
  return { notebook: checked.data, text };
}

function jsonProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message)?.[1];
  if (position === undefined) return message;
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}

/** An empty notebook, as Jupyter creates one. */
export function emptyNotebook(kernel?: { name: string; displayName: string; language: string }): NotebookDocument {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: kernel
      ? { kernelspec: { name: kernel.name, display_name: kernel.displayName, language: kernel.language }, language_info: { name: kernel.language } }
      : {},
    cells: [],
  };
}

const isJsonMime = (mime: string): boolean => mime === 'application/json' || mime.endsWith('+json');
const joined = (value: unknown): unknown => (Array.isArray(value) && value.every((v) => typeof v === 'string') ? value.join('') : value);
/** Lines with their endings, as Python's splitlines(True) gives them for \n and \r\n. */
const lines = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

function mapBundle(bundle: unknown, text: (value: unknown) => unknown): unknown {
  if (!bundle || typeof bundle !== 'object' || Array.isArray(bundle)) return bundle;
  return Object.fromEntries(Object.entries(bundle).map(([mime, value]) => [mime, isJsonMime(mime) ? value : text(value)]));
}

/** The cell with every multi-line string in one form, chosen by `text`. */
function mapCellText(cell: NotebookCell, text: (value: unknown) => unknown): NotebookCell {
  const out: NotebookCell = { ...cell, source: text(cell.source) as NotebookCell['source'] };
  if (cell.outputs) {
    out.outputs = cell.outputs.map((output) => {
      const next: Record<string, unknown> = { ...output };
      if ('text' in output) next.text = text(output.text);
      if ('data' in output) next.data = mapBundle(output.data, text);
      return next;
    });
  }
  if (cell.attachments) {
    out.attachments = Object.fromEntries(Object.entries(cell.attachments).map(([name, bundle]) => [name, mapBundle(bundle, text) as Record<string, unknown>]));
  }
  return out;
}

/** A key that is equal for two cells exactly when they hold the same content. */
function contentKey(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

const PLACEHOLDER = (n: number): string => `\u0000raw:${n}\u0000`;

/**
 * The text to write for `next`. `original` is what was read from the file, or
 * null for a new file. An unchanged notebook is its original text, whole.
 */
export function serializeNotebook(next: NotebookDocument, original: ReadNotebook | null): string {
  if (original && contentKey(canonical(next)) === contentKey(canonical(original.notebook))) return original.text;

  const raw: string[] = [];
  const keep = (text: string): string => {
    raw.push(text);
    return PLACEHOLDER(raw.length - 1);
  };
  const tree = original ? parseTree(original.text) : undefined;
  const rawOf = (node: Node | undefined): string | null => (node && original ? original.text.slice(node.offset, node.offset + node.length) : null);

  // Unchanged cells, found by content (so that inserting or moving cells keeps the others), keep their text.
  const unused = new Map<string, string[]>();
  original?.notebook.cells.forEach((cell, index) => {
    const text = rawOf(tree && findNodeAtLocation(tree, ['cells', index]));
    if (text === null) return;
    const key = contentKey(mapCellText(cell, joined));
    unused.set(key, [...(unused.get(key) ?? []), text]);
  });
  const cells = next.cells.map((cell) => {
    const found = unused.get(contentKey(mapCellText(cell, joined)))?.shift();
    return found ?? sortKeys(mapCellText(cell, (v) => (typeof v === 'string' ? lines(v) : v)));
  });
  const rawMetadata = rawOf(tree && findNodeAtLocation(tree, ['metadata']));
  const metadata = original && rawMetadata !== null && contentKey(next.metadata) === contentKey(original.notebook.metadata) ? rawMetadata : sortKeys(next.metadata);

  const top: Record<string, unknown> = { ...next, cells: cells.map((c) => (typeof c === 'string' ? keep(c) : c)), metadata: typeof metadata === 'string' ? keep(metadata) : metadata };
  const order = original ? Object.keys(original.notebook) : [];
  const keys = [...order.filter((k) => k in top), ...Object.keys(top).filter((k) => !order.includes(k)).sort()];
  const indent = original ? indentOf(original.text) : 1;
  let text = JSON.stringify(Object.fromEntries(keys.map((k) => [k, top[k]])), null, indent);
  // Raw parts were read at the same depth with the same indent, so they drop in as they are.
  text = text.replace(/"\\u0000raw:(\d+)\\u0000"/g, (_, n: string) => raw[Number(n)] ?? '');
  return original && !original.text.endsWith('\n') ? text : `${text}\n`;
}

const canonical = (notebook: NotebookDocument): NotebookDocument => ({ ...notebook, cells: notebook.cells.map((c) => mapCellText(c, joined)) });

/** The indent the file uses (Jupyter writes 1 space), from its second line. */
function indentOf(text: string): number {
  const second = /\n( +)\S/.exec(text);
  return second?.[1]?.length ?? 1;
}
