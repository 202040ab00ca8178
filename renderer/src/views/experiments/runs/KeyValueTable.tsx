import { formatNumber } from './format';

interface Props {
  label: string;
  entries: Record<string, string | number>;
  testId: string;
  empty: string;
}

/** Keys and values, sorted by key: a run's params or its latest metrics. */
export function KeyValueTable({ label, entries, testId, empty }: Props) {
  const keys = Object.keys(entries).sort((a, b) => a.localeCompare(b));
  if (keys.length === 0) return <p className="exp-muted">{empty}</p>;
  return (
    <table className="exp-table" aria-label={label} data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => {
          const value = entries[key];
          return (
            <tr key={key}>
              <th scope="row">{key}</th>
              <td className={typeof value === 'number' ? 'exp-num' : 'exp-wrap'} title={typeof value === 'number' ? String(value) : undefined}>
                {typeof value === 'number' ? formatNumber(value) : value}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
