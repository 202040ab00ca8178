import { applyKernelMessage, displayIdOfMessage, updateDisplay, type KernelMessageLike } from '../outputs';
import type { EditorCell } from '../document/cells';

/**
 * How kernel messages change cells: pure functions for the document reducer's
 * `update` actions (the reducer stays free of Jupyter's message formats).
 */

type CellUpdate = (cell: EditorCell) => EditorCell;

function withCount(cell: EditorCell['cell'], count: number | null | undefined): EditorCell['cell'] {
  return count === undefined || cell.execution_count === count ? cell : { ...cell, execution_count: count };
}

/** A run is about to start: old outputs go, as in Jupyter, and the cell shows [*]. */
export const queued: CellUpdate = (item) =>
  item.cell.cell_type !== 'code' ? item : { ...item, cell: { ...item.cell, outputs: [], execution_count: null }, run: 'queued', clearOnNext: false };

/** The cell is no longer waited for (its batch stopped, the kernel restarted or died). */
export const notRunning: CellUpdate = (item) => (item.run === null ? item : { ...item, run: null });

/** An empty code cell "runs" at once: nothing to send, nothing to show. */
export const ranEmpty: CellUpdate = (item) => ({ ...item, cell: { ...item.cell, outputs: [], execution_count: null }, run: null, clearOnNext: false });

/** Clear output: the outputs and the execution count go, as in Jupyter. */
export const clearOutputs: CellUpdate = (item) =>
  item.cell.cell_type !== 'code' || ((item.cell.outputs ?? []).length === 0 && item.cell.execution_count == null)
    ? item
    : { ...item, cell: { ...item.cell, outputs: [], execution_count: null }, clearOnNext: false };

/** One output message of the cell's own run. */
export function applyMessage(message: KernelMessageLike): CellUpdate {
  return (item) => {
    const pending = { clearOnNext: item.clearOnNext };
    const outputs = item.cell.outputs ?? [];
    const applied = applyKernelMessage(outputs, message, pending);
    const run = message.type === 'execute_input' ? 'running' : message.type === 'reply' ? null : item.run;
    let cell = withCount(item.cell, applied.executionCount);
    if (applied.outputs !== outputs) cell = { ...cell, outputs: applied.outputs };
    if (message.type === 'reply') cell = withFailure(cell, message.content);
    if (cell === item.cell && run === item.run && pending.clearOnNext === item.clearOnNext) return item;
    return { ...item, cell, run, clearOnNext: pending.clearOnNext };
  };
}

/**
 * A failed reply with no error output shown (the kernel's connection ended
 * before the cell finished): the reply's own reason becomes the error output.
 */
function withFailure(cell: EditorCell['cell'], content: Record<string, unknown>): EditorCell['cell'] {
  if (content.status !== 'error' || typeof content.evalue !== 'string') return cell;
  const outputs = cell.outputs ?? [];
  if (outputs.some((o) => o.output_type === 'error')) return cell;
  const error = { output_type: 'error', ename: typeof content.ename === 'string' ? content.ename : 'Error', evalue: content.evalue, traceback: [] };
  return { ...cell, outputs: [...outputs, error] };
}

/** For a message that updates a display by id: the update to run over every cell, or null. */
export function displayUpdate(message: KernelMessageLike): CellUpdate | null {
  const displayId = displayIdOfMessage(message);
  if (!displayId) return null;
  return (item) => {
    const outputs = item.cell.outputs;
    if (!outputs || outputs.length === 0) return item;
    const next = updateDisplay(outputs, displayId, message.content);
    return next === outputs ? item : { ...item, cell: { ...item.cell, outputs: next } };
  };
}
