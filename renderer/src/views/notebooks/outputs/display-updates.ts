import { bundleOf, isRecord, type NbOutput } from './nbformat';

/**
 * Displays that can be updated later (`display(obj, display_id=...)`,
 * `handle.update(...)`): the kernel names them with `transient.display_id`,
 * which nbformat never saves. The display id of each output built from a
 * kernel message is remembered here, keyed by the output object itself (a
 * WeakMap), so the outputs stay plain nbformat JSON and nothing has to be
 * stripped before saving. An output copied (JSON, structuredClone) or read
 * from disk has no display id, exactly as in Jupyter after a reload.
 */
const displayIds = new WeakMap<NbOutput, string>();

export function displayIdOf(output: NbOutput): string | null {
  return displayIds.get(output) ?? null;
}

/** Remembers that `output` shows display `displayId`; returns the output. */
export function rememberDisplayId<T extends NbOutput>(output: T, displayId: string | null): T {
  if (displayId) displayIds.set(output, displayId);
  return output;
}

/** `content.transient.display_id` of a display_data, execute_result or update_display_data content. */
export function transientDisplayId(content: Record<string, unknown>): string | null {
  const transient = content.transient;
  if (!isRecord(transient)) return null;
  return typeof transient.display_id === 'string' && transient.display_id !== '' ? transient.display_id : null;
}

/**
 * The display a kernel message updates in every cell, or null: an
 * `update_display_data`, or a `display_data` naming a display id (which, as in
 * Jupyter, also updates the earlier displays with that id before being added).
 */
export function displayIdOfMessage(message: { type: string; content: Record<string, unknown> }): string | null {
  if (message.type !== 'update_display_data' && message.type !== 'display_data') return null;
  return transientDisplayId(message.content);
}

/**
 * Replaces the data and metadata of every output in `outputs` that shows
 * display `displayId` by those of `content` (a display_data or
 * update_display_data content). Returns the same array when none matched, so
 * a caller can run it over every cell and re-render only the cells it changed.
 */
export function updateDisplay(outputs: NbOutput[], displayId: string, content: Record<string, unknown>): NbOutput[] {
  let changed = false;
  const next = outputs.map((output) => {
    if (displayIds.get(output) !== displayId) return output;
    changed = true;
    return rememberDisplayId({ ...output, data: bundleOf(content.data), metadata: bundleOf(content.metadata) }, displayId);
  });
  return changed ? next : outputs;
}
