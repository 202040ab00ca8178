import type { Dataset } from '../../../../../shared/contract';
import { CoercionNote } from './UnparsedValues';

/** The dataset's columns as the workbench reads them, with what was coerced from text. */
export function SchemaTable({ dataset }: { dataset: Dataset }) {
  return (
    <table className="ds-table ds-schema" aria-label={`Schema of ${dataset.name}`}>
      <thead>
        <tr>
          <th scope="col" className="num">#</th>
          <th scope="col">Column</th>
          <th scope="col">Type</th>
          <th scope="col">Read as</th>
        </tr>
      </thead>
      <tbody>
        {dataset.columns.map((column, index) => (
          <tr key={column.name}>
            <td className="num ds-soft">{index + 1}</td>
            <th scope="row">{column.name}</th>
            <td>
              <code>{column.type}</code>
            </td>
            <td>{column.coercedFrom ? <CoercionNote dataset={dataset} column={column} /> : <span className="ds-soft">as stored</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
