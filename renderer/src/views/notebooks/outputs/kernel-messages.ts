import { displayIdOfMessage, rememberDisplayId, transientDisplayId, updateDisplay } from './display-updates';
import { bundleOf, joinText, outputType, type NbOutput } from './nbformat';
import { appendStreamText, resolveControlChars } from './stream-text';

/** A kernel message as the `kernels.message` event carries it: the iopub type and its content verbatim. */
export interface KernelMessageLike {
  type: string;
  content: Record<string, unknown>;
}

/** Per cell: a `clear_output(wait=True)` waiting for the cell's next output. */
export interface PendingClear {
  clearOnNext: boolean;
}

export interface AppliedMessage {
  outputs: NbOutput[];
  /** Set when the message tells the cell's execution count (execute_input, execute_result, reply). */
  executionCount?: number | null;
}

/**
 * A cell's outputs after one kernel message, as Jupyter shows them. Never
 * mutates `outputs` (unchanged outputs keep their identity, so React skips
 * them); it updates `pending.clearOnNext`, the one piece of state a cell
 * keeps between messages. Outputs never keep `transient`.
 */
export function applyKernelMessage(outputs: NbOutput[], message: KernelMessageLike, pending: PendingClear): AppliedMessage {
  const { content } = message;
  switch (message.type) {
    case 'stream':
      return { outputs: addStream(clearIfPending(outputs, pending), content) };
    case 'display_data': {
      // A display id already shown is updated everywhere, then shown once more (as Jupyter does).
      const displayId = displayIdOfMessage(message);
      const kept = clearIfPending(outputs, pending);
      return { outputs: [...(displayId ? updateDisplay(kept, displayId, content) : kept), displayOutput(content)] };
    }
    case 'execute_result':
      return { outputs: [...clearIfPending(outputs, pending), executeResult(content)], executionCount: executionCountOf(content) };
    case 'error':
      return { outputs: [...clearIfPending(outputs, pending), errorOutput(content)] };
    case 'clear_output':
      if (content.wait === true) {
        pending.clearOnNext = true;
        return { outputs };
      }
      pending.clearOnNext = false;
      return { outputs: outputs.length === 0 ? outputs : [] };
    case 'update_display_data': {
      // Also done across all cells by the editor (see index.ts); repeating it here is harmless.
      const displayId = displayIdOfMessage(message);
      return { outputs: displayId ? updateDisplay(outputs, displayId, content) : outputs };
    }
    case 'execute_input':
    case 'reply': {
      const executionCount = executionCountOf(content);
      return executionCount === undefined ? { outputs } : { outputs, executionCount };
    }
    default:
      return { outputs };
  }
}

function clearIfPending(outputs: NbOutput[], pending: PendingClear): NbOutput[] {
  if (!pending.clearOnNext) return outputs;
  pending.clearOnNext = false;
  return [];
}

function executionCountOf(content: Record<string, unknown>): number | null | undefined {
  const count = content.execution_count;
  if (typeof count === 'number') return count;
  return count === null ? null : undefined;
}

/** Stream text merges into the previous output when it is a stream of the same name, as in Jupyter. */
function addStream(outputs: NbOutput[], content: Record<string, unknown>): NbOutput[] {
  const name = typeof content.name === 'string' ? content.name : 'stdout';
  const text = joinText(content.text) ?? '';
  const last = outputs.at(-1);
  if (last && outputType(last) === 'stream' && last.name === name) {
    const merged: NbOutput = { ...last, text: appendStreamText(joinText(last.text) ?? '', text) };
    return [...outputs.slice(0, -1), merged];
  }
  return [...outputs, { output_type: 'stream', name, text: resolveControlChars(text) }];
}

function displayOutput(content: Record<string, unknown>): NbOutput {
  const output = { output_type: 'display_data', data: bundleOf(content.data), metadata: bundleOf(content.metadata) };
  return rememberDisplayId(output, transientDisplayId(content));
}

function executeResult(content: Record<string, unknown>): NbOutput {
  const output = {
    output_type: 'execute_result',
    data: bundleOf(content.data),
    metadata: bundleOf(content.metadata),
    execution_count: executionCountOf(content) ?? null,
  };
  return rememberDisplayId(output, transientDisplayId(content));
}

function errorOutput(content: Record<string, unknown>): NbOutput {
  const traceback = Array.isArray(content.traceback) ? content.traceback.filter((line): line is string => typeof line === 'string') : [];
  return {
    output_type: 'error',
    ename: typeof content.ename === 'string' ? content.ename : 'Error',
    evalue: typeof content.evalue === 'string' ? content.evalue : '',
    traceback,
  };
}
