import { describe, expect, it } from 'vitest';
import { completionEntries, quoteIdentifier, referencedDatasets, type CatalogDataset } from './completion';

const churn: CatalogDataset = {
  name: 'churn',
  rowCount: 7043,
  columns: [
    { name: 'customerID', type: 'VARCHAR' },
    { name: 'TotalCharges', type: 'DOUBLE' },
    { name: 'monthly fee', type: 'DOUBLE' },
  ],
};
const sales: CatalogDataset = { name: 'sales', rowCount: 10, columns: [{ name: 'amount', type: 'DECIMAL(10,2)' }] };
const catalog = [churn, sales];

describe('quoteIdentifier', () => {
  it('quotes only names that need it', () => {
    expect(quoteIdentifier('TotalCharges')).toBe('TotalCharges');
    expect(quoteIdentifier('monthly fee')).toBe('"monthly fee"');
    expect(quoteIdentifier('say "hi"')).toBe('"say ""hi"""');
  });
});

describe('referencedDatasets', () => {
  it('finds datasets after FROM and JOIN, with their aliases', () => {
    const found = referencedDatasets('SELECT * FROM churn c JOIN "sales" AS s ON true WHERE x', catalog);
    expect(found.get('c')).toBe(churn);
    expect(found.get('s')).toBe(sales);
    expect(found.get('churn')).toBe(churn);
    expect(found.has('where')).toBe(false);
  });
});

describe('completionEntries', () => {
  it('offers only the columns of the dataset or alias before the dot', () => {
    const text = 'SELECT c. FROM churn c';
    const entries = completionEntries(catalog, text, 'SELECT c.');
    expect(entries.map((e) => e.insertText)).toEqual(['customerID', 'TotalCharges', '"monthly fee"']);
    expect(entries[0]?.detail).toBe('VARCHAR · churn');
  });

  it('offers nothing after the dot of an unknown name', () => {
    expect(completionEntries(catalog, 'SELECT x.', 'SELECT x.')).toEqual([]);
  });

  it('ranks the columns of the datasets in the query first, then datasets, then other columns', () => {
    const entries = completionEntries(catalog, 'SELECT  FROM sales', 'SELECT ');
    const rank = (label: string): string => entries.find((e) => e.label === label)?.sortText ?? '';
    expect(rank('amount') < rank('churn')).toBe(true);
    expect(rank('churn') < rank('TotalCharges')).toBe(true);
    expect(entries.find((e) => e.label === 'churn')?.detail).toContain('7,043 rows');
    expect(entries.some((e) => e.kind === 'function' && e.label === 'read_parquet')).toBe(true);
    expect(entries.some((e) => e.kind === 'keyword' && e.label === 'QUALIFY')).toBe(true);
  });
});
