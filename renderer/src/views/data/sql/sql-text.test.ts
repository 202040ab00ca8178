import { describe, expect, it } from 'vitest';
import { errorHeadline, locateError, parseErrorPosition, pickRunnable } from './sql-text';

describe('pickRunnable', () => {
  it('runs the whole text without a selection, skipping leading blank lines', () => {
    const text = '\n\n  SELECT 1;\n';
    expect(pickRunnable(text, null)).toEqual({ sql: 'SELECT 1;', line: 3, column: 3 });
  });

  it('runs the selection when there is one, with where it starts', () => {
    const text = 'SELECT 1;\nSELECT n FROM t;';
    const start = text.indexOf('n FROM');
    expect(pickRunnable(text, { start, end: text.length })).toEqual({ sql: 'n FROM t;', line: 2, column: 8 });
  });

  it('ignores an empty or blank selection', () => {
    const text = 'SELECT 1;   \n';
    expect(pickRunnable(text, { start: 4, end: 4 })?.sql).toBe('SELECT 1;');
    expect(pickRunnable(text, { start: 9, end: 12 })?.sql).toBe('SELECT 1;');
  });

  it('answers null when there is nothing to run', () => {
    expect(pickRunnable(' \n\t', null)).toBeNull();
  });
});

describe('parseErrorPosition', () => {
  it('reads the line and the caret of a DuckDB syntax error', () => {
    const message = 'Parser Error: syntax error at or near "t"\n\nLINE 1: SELECT * FORM t\n                      ^';
    expect(parseErrorPosition(message)).toEqual({ line: 1, quoted: 'SELECT * FORM t', caret: 14 });
  });

  it('answers null for errors without a position', () => {
    expect(parseErrorPosition('Conversion Error: Could not convert string "x" to INT32')).toBeNull();
  });
});

describe('locateError', () => {
  it('marks the token under the caret', () => {
    // As DuckDB 1.x writes it for `SELECT\n  a,\n  nope\nFROM range(3) t(a)`.
    const message = 'Binder Error: Referenced column "nope" not found in FROM clause!\nCandidate bindings: "a"\n\nLINE 3:   nope\n          ^';
    const runnable = { sql: 'SELECT\n  a,\n  nope\nFROM range(3) t(a)', line: 1, column: 1 };
    expect(locateError(message, runnable)).toEqual({ line: 3, startColumn: 3, endColumn: 7 });
  });

  it('marks the whole line when the caret points at a blank', () => {
    // DuckDB's caret drifts in scripts of several statements.
    const message = 'Binder Error: Referenced column "nope" not found\n\nLINE 3: SELECT nope FROM range(3)\n                        ^';
    const runnable = { sql: 'SELECT 1;\n\nSELECT nope FROM range(3)', line: 1, column: 1 };
    expect(locateError(message, runnable)).toEqual({ line: 3, startColumn: 1, endColumn: 26 });
  });

  it('shifts by where the selection started in the editor', () => {
    const message = 'Parser Error: syntax error at or near "t"\n\nLINE 1: SELECT * FORM t\n                      ^';
    expect(locateError(message, { sql: 'SELECT * FORM t', line: 5, column: 4 })).toEqual({ line: 5, startColumn: 18, endColumn: 19 });
  });

  it('finds the column in a line DuckDB shortened with an ellipsis', () => {
    const sql = "SELECT range AS n, range % 7 AS k, 'a very long string' AS s FROM range(10) WHERE n > 1 AND nn = 2";
    const quoted = '... range(10) WHERE n > 1 AND nn = 2';
    const caretAt = quoted.indexOf('nn');
    const message = `Binder Error: Referenced column "nn" not found\n\nLINE 1: ${quoted}\n${' '.repeat(8 + caretAt)}^`;
    const range = locateError(message, { sql, line: 1, column: 1 });
    expect(range).toEqual({ line: 1, startColumn: sql.indexOf('nn') + 1, endColumn: sql.indexOf('nn') + 3 });
  });

  it('marks the whole line when the caret is missing', () => {
    expect(locateError('Parser Error: x\n\nLINE 2: FROM t', { sql: 'SELECT *\nFROM t', line: 1, column: 1 })).toEqual({ line: 2, startColumn: 1, endColumn: 7 });
  });

  it('answers null when the line is outside what was run', () => {
    expect(locateError('Parser Error: x\n\nLINE 9: FROM t\n        ^', { sql: 'SELECT 1', line: 1, column: 1 })).toBeNull();
  });
});

describe('errorHeadline', () => {
  it('keeps the first line', () => {
    expect(errorHeadline('Parser Error: bad\n\nLINE 1: x')).toBe('Parser Error: bad');
  });
});
