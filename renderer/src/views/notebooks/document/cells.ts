import type { NotebookCell, NotebookDocument } from '../../../../../shared/contract';

export type CellType = NotebookCell['cell_type'];
export type RunState = 'queued' | 'running' | null;

/**
 * A cell as the editor holds it: the nbformat cell (its source always one
 * string, every unknown field kept) plus what only the UI needs.
 */
export interface EditorCell {
  /** Stable identity for React and the undo history; never saved. */
  key: string;
  cell: NotebookCell & { source: string };
  run: RunState;
  /** A `clear_output(wait=True)` arrived: clear at the next output, not now. */
  clearOnNext: boolean;
}

/** Everything of the notebook but its cells (metadata, nbformat, unknown fields). */
export interface NotebookHead {
  [field: string]: unknown;
  nbformat: 4;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
}

const ID_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** An nbformat 4.5 cell id: 8 random [a-z0-9] characters, as Jupyter makes them. */
export function newCellId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => ID_CHARS[b % ID_CHARS.length]).join('');
}

let keyCounter = 0;
/** A UI key, unique in this page. */
export function newKey(): string {
  keyCounter += 1;
  return `c${keyCounter.toString(36)}`;
}

/** nbformat text: a string, or a list of lines to join. */
export function joinText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').join('');
  return '';
}

/** A new cell of this type; `id` is set when the notebook's nbformat_minor asks for ids. */
export function blankCell(type: CellType, source: string, id: string | null): EditorCell['cell'] {
  const base = { cell_type: type, metadata: {}, source, ...(id ? { id } : {}) };
  return type === 'code' ? { ...base, outputs: [], execution_count: null } : base;
}

/** The same cell as another type, keeping its id, metadata and source (nbformat allows outputs on code cells only). */
export function convertCell(cell: EditorCell['cell'], type: CellType): EditorCell['cell'] {
  if (cell.cell_type === type) return cell;
  const { outputs: _outputs, execution_count: _count, attachments, ...rest } = cell;
  if (type === 'code') return { ...rest, cell_type: type, outputs: [], execution_count: null };
  return { ...rest, cell_type: type, ...(attachments ? { attachments } : {}) };
}

export function toEditorCells(notebook: NotebookDocument): EditorCell[] {
  return notebook.cells.map((cell) => ({ key: newKey(), cell: { ...cell, source: joinText(cell.source) }, run: null, clearOnNext: false }));
}

/** Removes `transient` (display ids) from outputs: nbformat never stores it. */
function savedOutputs(outputs: Record<string, unknown>[]): Record<string, unknown>[] {
  return outputs.map((output) => {
    if (!('transient' in output)) return output;
    const { transient: _transient, ...rest } = output;
    return rest;
  });
}

/** The nbformat document to save. */
export function toNotebook(head: NotebookHead, cells: readonly EditorCell[]): NotebookDocument {
  return {
    ...head,
    cells: cells.map(({ cell }) => (cell.outputs ? { ...cell, outputs: savedOutputs(cell.outputs) } : cell)),
  };
}

/** Whether new cells get ids (nbformat 4.5 and later). */
export function wantsIds(head: NotebookHead): boolean {
  return head.nbformat_minor >= 5;
}
