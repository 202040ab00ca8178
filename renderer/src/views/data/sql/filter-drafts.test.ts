import { describe, expect, it } from 'vitest';
import { draftFor, draftsToFilters, type FilterDraft } from './filter-drafts';

const columns = [
  { name: 'n', type: 'BIGINT' },
  { name: 'city', type: 'VARCHAR' },
];

describe('filter drafts', () => {
  it('starts numbers at = and text at contains', () => {
    expect(draftFor({ name: 'n', type: 'BIGINT' }).op).toBe('=');
    expect(draftFor({ name: 'city', type: 'VARCHAR' }).op).toBe('contains');
  });

  it('turns drafts into typed filters, skipping the empty ones', () => {
    const drafts: FilterDraft[] = [
      { key: 1, column: 'n', op: '>=', text: '10' },
      { key: 2, column: 'city', op: 'contains', text: '' },
      { key: 3, column: 'city', op: 'is null', text: 'ignored' },
      { key: 4, column: 'city', op: '=', text: '' },
    ];
    expect(draftsToFilters(drafts, columns)).toEqual({
      filters: [
        { column: 'n', op: '>=', value: 10 },
        { column: 'city', op: 'is null' },
        { column: 'city', op: '=', value: '' },
      ],
    });
  });

  it('names the draft that is wrong', () => {
    expect(draftsToFilters([{ key: 7, column: 'n', op: '<', text: 'ten' }], columns)).toEqual({ key: 7, error: '“ten” is not a number.' });
    expect(draftsToFilters([{ key: 8, column: 'gone', op: '=', text: '1' }], columns)).toHaveProperty('key', 8);
  });
});
