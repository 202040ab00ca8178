import { useEffect, useEffectEvent, useId, useState } from 'react';
import type { ColumnInfo, Dataset } from '../../../../../shared/contract';
import { useBackend } from '../../../app/backend';
import { useNotices } from '../../../app/notices';
import { formatCount, visibleValue } from './format';

interface UnparsedResult {
  type: string;
  count: number;
  values: { row: number; value: string }[];
}

const SHOWN = 200;

/** For a text column read as a number or date: says so, counts what did not parse, and shows those values on request. */
export function CoercionNote({ dataset, column }: { dataset: Dataset; column: ColumnInfo }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  if (!column.coercedFrom) return null;
  return (
    <div className="ds-coercion">
      <span>read as {column.type} from text</span>
      {column.unparsed > 0 && (
        <>
          <span className="ds-warn">
            {formatCount(column.unparsed)} unparsed {column.unparsed === 1 ? 'value' : 'values'}
          </span>
          <button type="button" className="link-button" aria-expanded={open} aria-controls={open ? listId : undefined} onClick={() => setOpen(!open)}>
            {open ? 'Hide unparsed values' : 'Show unparsed values'}
          </button>
        </>
      )}
      {open && (
        <div id={listId}>
          <UnparsedTable datasetId={dataset.id} column={column.name} />
        </div>
      )}
    </div>
  );
}

function UnparsedTable({ datasetId, column }: { datasetId: string; column: string }) {
  const { client } = useBackend();
  const { reportError } = useNotices();
  const [result, setResult] = useState<UnparsedResult | null>(null);
  const report = useEffectEvent((error: unknown) => reportError(error));
  useEffect(() => {
    const abort = new AbortController();
    client.call('data.unparsed', { id: datasetId, column, limit: SHOWN }, { signal: abort.signal }).then(setResult, (error: unknown) => {
      if (!abort.signal.aborted) report(error);
    });
    return () => abort.abort();
  }, [client, datasetId, column]);

  if (!result) return <p className="ds-hint">Reading the values that did not parse…</p>;
  return (
    <table className="ds-table ds-unparsed" aria-label={`Unparsed values of ${column}`}>
      <caption>
        {formatCount(result.count)} {result.count === 1 ? 'value' : 'values'} of {column} did not parse as {result.type} and read as NULL
        {result.values.length < result.count && ` (the first ${formatCount(result.values.length)} shown)`}.
      </caption>
      <thead>
        <tr>
          <th scope="col" className="num">Line in file</th>
          <th scope="col">Raw value</th>
        </tr>
      </thead>
      <tbody>
        {result.values.map(({ row, value }, index) => {
          const shown = visibleValue(value);
          return (
            <tr key={`${row}:${index}`}>
              <td className="num">{row > 0 ? formatCount(row) : '—'}</td>
              <td>
                {shown.blank ? (
                  <span className="ds-blank" title={shown.detail ?? 'an empty string'}>
                    {shown.text}
                    {shown.detail && <span className="ds-blank-detail"> {shown.detail}</span>}
                  </span>
                ) : (
                  <code className="ds-raw">{shown.text}</code>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
