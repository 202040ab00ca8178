/** SQL to send, and where it starts in the editor (1-based), to map DuckDB's error lines back. */
export interface Runnable {
  sql: string;
  line: number;
  column: number;
}

/** An error's place in the editor, 1-based, end exclusive. */
export interface ErrorRange {
  line: number;
  startColumn: number;
  endColumn: number;
}

/**
 * The selection when it holds more than blanks, else the whole text; leading
 * blanks dropped (the backend trims them too, and DuckDB counts lines from the
 * first character it gets). Null when there is nothing to run.
 */
export function pickRunnable(text: string, selection: { start: number; end: number } | null): Runnable | null {
  let start = 0;
  let end = text.length;
  if (selection && selection.end > selection.start && text.slice(selection.start, selection.end).trim() !== '') {
    start = selection.start;
    end = selection.end;
  }
  while (start < end && /\s/.test(text.charAt(start))) start++;
  const sql = text.slice(start, end).trimEnd();
  if (sql === '') return null;
  const before = text.slice(0, start);
  const lines = before.split('\n');
  return { sql, line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** DuckDB's `LINE n: <text>` and the caret line under it; `column` is 0-based in the quoted text. */
export function parseErrorPosition(message: string): { line: number; quoted: string; caret: number | null } | null {
  const match = /LINE (\d+): ([^\n]*)(?:\n( *)\^)?/.exec(message);
  if (!match?.[1]) return null;
  const prefix = `LINE ${match[1]}: `.length;
  const caret = match[3] === undefined ? null : match[3].length - prefix;
  return { line: Number(match[1]), quoted: match[2] ?? '', caret: caret !== null && caret >= 0 ? caret : null };
}

/**
 * Where DuckDB's error points, in editor coordinates: the token under the caret,
 * or the whole line when the column cannot be placed. DuckDB shortens long lines
 * to `... text ...` around the error, so the quoted text is looked up in the line.
 */
export function locateError(message: string, runnable: Runnable): ErrorRange | null {
  const position = parseErrorPosition(message);
  if (!position) return null;
  const sourceLines = runnable.sql.split('\n');
  const source = sourceLines[position.line - 1];
  if (source === undefined) return null;
  const line = runnable.line + position.line - 1;
  const offset = position.line === 1 ? runnable.column - 1 : 0;
  const wholeLine = { line, startColumn: offset + 1, endColumn: offset + source.length + 1 };
  if (position.caret === null) return wholeLine;

  let quoted = position.quoted;
  let shift = 0;
  if (quoted.startsWith('...')) {
    quoted = quoted.slice(3);
    shift = 3;
  }
  if (quoted.endsWith('...') && !source.includes(quoted)) quoted = quoted.slice(0, -3);
  const found = source.indexOf(quoted);
  if (found < 0) return wholeLine;
  const column = found + position.caret - shift;
  // DuckDB's caret can drift in multi-statement scripts; a caret on a blank is not worth trusting.
  const token = /^(\w+|"[^"]*"|'[^']*'|\S)/.exec(source.slice(Math.max(0, column)));
  if (column < 0 || !token) return wholeLine;
  const length = token[0].length;
  return { line, startColumn: offset + column + 1, endColumn: offset + column + 1 + length };
}

/** The first line of an error for a one-line summary (the rest is shown below it). */
export function errorHeadline(message: string): string {
  return message.split('\n')[0] ?? message;
}
