import { describe, expect, it } from 'vitest';
import { columnWidth, filterValue, formatCell, isNumericType, nextSort } from './grid-view';

describe('nextSort', () => {
  it('cycles a column through ascending, descending and unsorted', () => {
    const asc = nextSort([], 'n', false);
    expect(asc).toEqual([{ column: 'n', direction: 'asc' }]);
    const desc = nextSort(asc, 'n', false);
    expect(desc).toEqual([{ column: 'n', direction: 'desc' }]);
    expect(nextSort(desc, 'n', false)).toEqual([]);
  });

  it('replaces the sort on a plain click and adds to it with Shift', () => {
    const byK = [{ column: 'k', direction: 'desc' as const }];
    expect(nextSort(byK, 'n', false)).toEqual([{ column: 'n', direction: 'asc' }]);
    expect(nextSort(byK, 'n', true)).toEqual([...byK, { column: 'n', direction: 'asc' }]);
    expect(nextSort([...byK, { column: 'n', direction: 'desc' }], 'n', true)).toEqual(byK);
  });

  it('stops at five sort columns', () => {
    const five = ['a', 'b', 'c', 'd', 'e'].map((column) => ({ column, direction: 'asc' as const }));
    expect(nextSort(five, 'f', true)).toEqual(five);
  });
});

describe('filterValue', () => {
  it('reads numbers for numeric columns and refuses text there', () => {
    expect(filterValue('BIGINT', '>', ' 42 ')).toEqual({ value: 42 });
    expect(filterValue('DECIMAL(10,2)', '=', '1.5')).toEqual({ value: 1.5 });
    expect(filterValue('DOUBLE', '<', 'abc')).toHaveProperty('error');
    expect(filterValue('INTEGER', '=', '')).toHaveProperty('error');
  });

  it('keeps integers beyond 2^53 exact, as text', () => {
    expect(filterValue('HUGEINT', '=', '123456789012345678901')).toEqual({ value: '123456789012345678901' });
  });

  it('reads booleans and leaves text alone', () => {
    expect(filterValue('BOOLEAN', '=', 'TRUE')).toEqual({ value: true });
    expect(filterValue('BOOLEAN', '=', 'yes')).toHaveProperty('error');
    expect(filterValue('VARCHAR', '=', ' Yes')).toEqual({ value: ' Yes' });
    expect(filterValue('BIGINT', 'contains', '12')).toEqual({ value: '12' });
  });
});

describe('formatCell', () => {
  it('shows NULL distinctly from the text NULL', () => {
    expect(formatCell(null, 'VARCHAR')).toEqual({ text: 'NULL', kind: 'null' });
    expect(formatCell('NULL', 'VARCHAR')).toEqual({ text: 'NULL', kind: 'text' });
  });

  it('treats big integers sent as text as numbers, and nested values as JSON', () => {
    expect(formatCell('9007199254740993', 'BIGINT')).toEqual({ text: '9007199254740993', kind: 'number' });
    expect(formatCell([1, 2], 'INTEGER[]')).toEqual({ text: '[1,2]', kind: 'nested' });
    expect(formatCell(false, 'BOOLEAN')).toEqual({ text: 'false', kind: 'bool' });
  });
});

describe('types and widths', () => {
  it('knows DuckDB numeric types', () => {
    expect(isNumericType('UBIGINT')).toBe(true);
    expect(isNumericType('DECIMAL(18,3)')).toBe(true);
    expect(isNumericType('VARCHAR')).toBe(false);
    expect(isNumericType('INTEGER[]')).toBe(false);
  });

  it('sizes columns by name and type, within bounds', () => {
    expect(columnWidth({ name: 'n', type: 'BIGINT' })).toBe(110);
    expect(columnWidth({ name: 'a_rather_long_column_name', type: 'BIGINT' })).toBeGreaterThan(200);
    expect(columnWidth({ name: 'x'.repeat(200), type: 'VARCHAR' })).toBe(360);
  });
});
