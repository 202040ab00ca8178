/**
 * Jupyter outputs and markdown as safe DOM, for the Notebooks view.
 *
 * Kernel messages to outputs (pure, DOM-free):
 *
 *   const pending = { clearOnNext: false };            // one per cell, kept while it runs
 *   const { outputs, executionCount } = applyKernelMessage(cell.outputs, message, pending);
 *   // executionCount is set (number or null) by execute_input, execute_result and reply.
 *
 * Display updates (`display(x, display_id=...)`, `handle.update(...)`) may
 * touch any cell. The display id of each output built by applyKernelMessage
 * is remembered against the output object (a WeakMap: outputs stay plain
 * nbformat JSON with no `transient`), so the editor needs no index of its own.
 * For every `kernels.message` event, before or after handing it to its cell:
 *
 *   const displayId = displayIdOfMessage(message);    // update_display_data, or display_data with a display id
 *   if (displayId) for (const cell of cells) cell.outputs = updateDisplay(cell.outputs, displayId, message.content);
 *
 * `updateDisplay` returns the same array when nothing in it matched. An
 * `update_display_data` needs only this; a `display_data` also goes to its
 * own cell through applyKernelMessage (which adds it). Doing both, in either
 * order, gives the same result. Keep the output objects as returned: a copy
 * (JSON, structuredClone) forgets its display id, as a reload does in Jupyter.
 *
 * Components: <CellOutputs outputs={cell.outputs} /> and
 * <Markdown source={text} attachments={cell.attachments} />. HTML outputs and
 * markdown render inside open shadow roots (`[data-testid=nb-html]`,
 * `[data-testid=nb-markdown]`); Playwright locators reach into them.
 */
export type { NbOutput, MimeBundle, MultilineString } from './nbformat';
export { joinText } from './nbformat';
export { applyKernelMessage, type AppliedMessage, type KernelMessageLike, type PendingClear } from './kernel-messages';
export { displayIdOf, displayIdOfMessage, updateDisplay } from './display-updates';
export { resolveControlChars, appendStreamText, displayText } from './stream-text';
export { pickMime, mimeOrder } from './mime';
export type { Attachments } from './url-policy';
export { CellOutputs } from './CellOutputs';
export { Markdown } from './Markdown';
export { sanitizeHtml, sanitizeHtmlFragment, sanitizeSvgToDataUri } from './sanitize';
