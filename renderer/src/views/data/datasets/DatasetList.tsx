import type { Dataset } from '../../../../../shared/contract';
import { formatCount } from './format';

interface Props {
  datasets: Dataset[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** The workspace's datasets; choosing one opens its schema and profile below. */
export function DatasetList({ datasets, selectedId, onSelect }: Props) {
  if (datasets.length === 0) {
    return <p className="ds-empty">No datasets yet. Add a file, folder or glob above: it is read where it lies.</p>;
  }
  return (
    <div className="ds-list-scroll">
      <table className="ds-table ds-list" aria-label="Datasets">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Format</th>
            <th scope="col" className="num">Rows</th>
            <th scope="col" className="num">Columns</th>
            <th scope="col">Location</th>
          </tr>
        </thead>
        <tbody>
          {datasets.map((dataset) => {
            const selected = dataset.id === selectedId;
            return (
              // The whole row takes clicks; the name's button (whose click bubbles here) gives keyboard access.
              <tr key={dataset.id} className={selected ? 'selected' : undefined} onClick={() => onSelect(dataset.id)}>
                <th scope="row">
                  <button type="button" className="ds-name-button" aria-current={selected ? 'true' : undefined}>
                    {dataset.name}
                  </button>
                </th>
                <td>{dataset.format}</td>
                <td className="num">{formatCount(dataset.rowCount)}</td>
                <td className="num">{formatCount(dataset.columns.length)}</td>
                <td className="ds-location" title={dataset.location}>
                  <code>{dataset.location}</code>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
