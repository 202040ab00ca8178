import { duckdbFunctions, duckdbKeywords, duckdbTypes } from './duckdb-words';

/** What completion needs of a dataset (from `data.list`). */
export interface CatalogDataset {
  name: string;
  rowCount: number;
  columns: { name: string; type: string }[];
}

export type EntryKind = 'dataset' | 'column' | 'function' | 'keyword' | 'type';

export interface CompletionEntry {
  label: string;
  kind: EntryKind;
  detail: string;
  insertText: string;
  /** Lower sorts first: columns of the datasets in the query, then datasets, then the rest. */
  sortText: string;
}

/** Names that need no quotes in DuckDB; anything else (spaces, dashes) is double-quoted. */
export function quoteIdentifier(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

const unquote = (name: string): string => (name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1).replaceAll('""', '"') : name);

/** Datasets named after FROM or JOIN, with their aliases (`FROM churn c`, `JOIN churn AS c`). */
export function referencedDatasets(text: string, catalog: CatalogDataset[]): Map<string, CatalogDataset> {
  const byName = new Map(catalog.map((d) => [d.name.toLowerCase(), d]));
  const found = new Map<string, CatalogDataset>();
  const pattern = /\b(?:FROM|JOIN)\s+("(?:[^"]|"")+"|[A-Za-z_]\w*)(?:\s+(?:AS\s+)?([A-Za-z_]\w*))?/gi;
  const notAliases = new Set(['where', 'join', 'left', 'right', 'inner', 'outer', 'full', 'cross', 'on', 'using', 'group', 'order', 'limit', 'union', 'natural', 'positional', 'asof', 'anti', 'semi', 'qualify', 'having', 'window', 'offset', 'sample']);
  for (const match of text.matchAll(pattern)) {
    const dataset = byName.get(unquote(match[1] ?? '').toLowerCase());
    if (!dataset) continue;
    found.set(dataset.name.toLowerCase(), dataset);
    const alias = match[2];
    if (alias && !notAliases.has(alias.toLowerCase())) found.set(alias.toLowerCase(), dataset);
  }
  return found;
}

const column = (dataset: CatalogDataset, c: { name: string; type: string }, rank: string): CompletionEntry => ({
  label: c.name,
  kind: 'column',
  detail: `${c.type} · ${dataset.name}`,
  insertText: quoteIdentifier(c.name),
  sortText: `${rank}${c.name.toLowerCase()}`,
});

/**
 * Suggestions at the cursor. After `name.` (a dataset or an alias) only that
 * dataset's columns; elsewhere columns of the datasets the query uses, then
 * datasets, then the other columns, DuckDB functions, keywords and types.
 */
export function completionEntries(catalog: CatalogDataset[], fullText: string, textBeforeCursor: string): CompletionEntry[] {
  const referenced = referencedDatasets(fullText, catalog);
  const qualifier = /("(?:[^"]|"")+"|[A-Za-z_]\w*)\.\w*$/.exec(textBeforeCursor)?.[1];
  if (qualifier) {
    const dataset = referenced.get(unquote(qualifier).toLowerCase()) ?? catalog.find((d) => d.name.toLowerCase() === unquote(qualifier).toLowerCase());
    return dataset ? dataset.columns.map((c) => column(dataset, c, '0')) : [];
  }
  const used = new Set([...referenced.values()]);
  const entries: CompletionEntry[] = [];
  const seenColumns = new Set<string>();
  for (const dataset of [...used, ...catalog.filter((d) => !used.has(d))]) {
    const rank = used.has(dataset) ? '0' : '2';
    for (const c of dataset.columns) {
      // One entry per column name: a column in two datasets is one word to type.
      if (seenColumns.has(c.name)) continue;
      seenColumns.add(c.name);
      entries.push(column(dataset, c, rank));
    }
  }
  for (const dataset of catalog) {
    entries.push({
      label: dataset.name,
      kind: 'dataset',
      detail: `dataset · ${dataset.rowCount.toLocaleString('en-US')} rows · ${dataset.columns.length} columns`,
      insertText: quoteIdentifier(dataset.name),
      sortText: `1${dataset.name.toLowerCase()}`,
    });
  }
  for (const name of duckdbFunctions) entries.push({ label: name, kind: 'function', detail: 'DuckDB function', insertText: name, sortText: `3${name}` });
  for (const word of duckdbKeywords) entries.push({ label: word, kind: 'keyword', detail: 'keyword', insertText: word, sortText: `4${word.toLowerCase()}` });
  for (const word of duckdbTypes) entries.push({ label: word, kind: 'type', detail: 'type', insertText: word, sortText: `5${word.toLowerCase()}` });
  return entries;
}
