import type { ChartSource, Dataset } from '../../../../../shared/contract';
import type { SourceOption } from './ChartForm';

/** A select value for a source: 'd:<dataset id or name>' or 'r:<resultId>'. */
export function sourceKey(source: ChartSource | null): string {
  if (!source) return '';
  return 'dataset' in source ? `d:${source.dataset}` : `r:${source.resultId}`;
}

/** A dataset named by name or id, as the dataset's id (saved charts then survive a rename). */
export function datasetSource(datasets: readonly Dataset[], nameOrId: string): { dataset: string } {
  const found = datasets.find((d) => d.id === nameOrId || d.name.toLowerCase() === nameOrId.toLowerCase());
  return { dataset: found?.id ?? nameOrId };
}

/** The options of the source select: every dataset, then the query results seen in this session. */
export function sourceOptions(datasets: readonly Dataset[], results: readonly ChartSource[], current: ChartSource | null): SourceOption[] {
  const options: SourceOption[] = datasets.map((d) => ({ key: `d:${d.id}`, label: d.name }));
  for (const source of [...results, ...(current ? [current] : [])]) {
    const key = sourceKey(source);
    if (options.some((o) => o.key === key)) continue;
    options.push({ key, label: 'dataset' in source ? source.dataset : `Query result: ${source.label}` });
  }
  return options;
}

export function sourceFromKey(key: string, options: { datasets: readonly Dataset[]; results: readonly ChartSource[] }): ChartSource | null {
  if (key.startsWith('d:')) return { dataset: key.slice(2) };
  return options.results.find((r) => sourceKey(r) === key) ?? null;
}

/** The input the data.columns and data.chart calls take for a source. */
export function sourceInput(source: ChartSource): { dataset: string } | { resultId: string } {
  return 'dataset' in source ? { dataset: source.dataset } : { resultId: source.resultId };
}

export function sourceLabel(source: ChartSource, datasets: readonly Dataset[]): string {
  if ('dataset' in source) return datasets.find((d) => d.id === source.dataset)?.name ?? source.dataset;
  return source.label;
}
