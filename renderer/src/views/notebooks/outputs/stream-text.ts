/**
 * Stream text as a terminal shows it, the way JupyterLab resolves it:
 * - `\b` deletes the character before it on the same line (a `\b` with nothing
 *   before it on its line is dropped, where JupyterLab leaves it in);
 * - `\r` returns to the start of the line and what follows overwrites it
 *   character by character (`ab\rX` → `Xb`), which is how tqdm redraws a
 *   progress bar; `\r\n` is a plain newline.
 *
 * Every line but the last is resolved for good. The last line keeps its last
 * `\r` (as `shown\rwritten since`), because the next chunk goes on writing
 * where that text ends: a chunk boundary inside a redraw then gives the same
 * text as the whole redraw. `displayText` folds that last `\r` for showing.
 */
export function resolveControlChars(text: string): string {
  if (!text.includes('\r') && !text.includes('\b')) return text;
  const lines = text.split('\n');
  const last = lines.length - 1;
  return lines.map((line, index) => resolveLine(line, index === last)).join('\n');
}

/** Stream text as it looks: also the pending `\r` of the last line applied. */
export function displayText(text: string): string {
  const resolved = resolveControlChars(text);
  const lineStart = resolved.lastIndexOf('\n') + 1;
  const lastLine = resolved.slice(lineStart);
  return lastLine.includes('\r') ? resolved.slice(0, lineStart) + overwrite(lastLine.split('\r')) : resolved;
}

function resolveLine(line: string, isLast: boolean): string {
  if (!line.includes('\r') && !line.includes('\b')) return line;
  const segments = (line.includes('\b') ? removeBackspaces(line) : line).split('\r');
  if (!isLast || segments.length === 1) return overwrite(segments);
  const written = segments.pop() ?? '';
  return `${overwrite(segments)}\r${written}`;
}

/** Each segment written from the start of the line over the ones before it. */
function overwrite(segments: string[]): string {
  let result = '';
  for (const segment of segments) result = segment + result.slice(segment.length);
  return result;
}

function removeBackspaces(line: string): string {
  const chars: string[] = [];
  for (const char of line) {
    if (char === '\b') chars.pop();
    else chars.push(char);
  }
  return chars.join('');
}

/**
 * Appends a chunk to stream text already resolved: only its last line can
 * still change, so only that line and the chunk are resolved again, and a
 * stream that keeps growing costs the size of each chunk, not of the whole text.
 */
export function appendStreamText(previous: string, chunk: string): string {
  const lineStart = previous.lastIndexOf('\n') + 1;
  return previous.slice(0, lineStart) + resolveControlChars(previous.slice(lineStart) + chunk);
}
