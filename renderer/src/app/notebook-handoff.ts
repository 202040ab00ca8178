/**
 * A code cell that another view asks the Notebooks view to add (the Data
 * view's "Open in notebook"). The request waits here until the Notebooks view
 * takes it, since that view may not be shown, or even mounted, yet.
 */
export interface NotebookCellRequest {
  code: string;
  /** What to name a new notebook when none is open (a dataset's name). */
  name: string;
}

let pending: NotebookCellRequest | null = null;
const listeners = new Set<() => void>();

export function requestNotebookCell(request: NotebookCellRequest): void {
  pending = request;
  for (const listener of listeners) listener();
}

/** The waiting request, once: whoever takes it handles it. */
export function takeNotebookCellRequest(): NotebookCellRequest | null {
  const request = pending;
  pending = null;
  return request;
}

/** Calls `listener` when a request arrives; returns the unsubscribe function. */
export function onNotebookCellRequest(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
