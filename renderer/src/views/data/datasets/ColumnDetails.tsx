import { quantileKeys, type CategoryProfile, type ColumnInfo, type ColumnProfile, type Dataset } from '../../../../../shared/contract';
import { EdgeLabels, HistogramChart, SplitChart, TargetLegend } from './Charts';
import { formatCount, formatDistinct, formatNumber, formatShare, visibleValue } from './format';
import { strengthLabel } from './strength';
import { CoercionNote } from './UnparsedValues';
import type { TargetSplit } from './profileRows';

const WIDE = 480;
const TALL = 120;

export const APPROX_DISTINCT = 'Estimated with HyperLogLog: counting distinct values exactly would be slow on this many rows.';

interface Props {
  dataset: Dataset;
  column: ColumnProfile;
  info: ColumnInfo | undefined;
  split: TargetSplit | undefined;
  target: string | null;
  stretch: boolean;
}

/** Everything the profile knows about one column. */
export function ColumnDetails({ dataset, column, info, split, target, stretch }: Props) {
  return (
    <div className="ds-details">
      <div className="ds-details-facts">
        <dl className="ds-facts">
          <dt>Type</dt>
          <dd>
            <code>{column.type}</code>
          </dd>
          <dt>Values</dt>
          <dd>{formatCount(column.count)}</dd>
          <dt>Missing</dt>
          <dd>
            {formatCount(column.nulls)} ({formatShare(column.nullShare)})
          </dd>
          <dt>Distinct</dt>
          <dd title={column.distinctApprox ? APPROX_DISTINCT : undefined}>{formatDistinct(column.distinct, column.distinctApprox)}</dd>
          {column.kind === 'numeric' && (
            <>
              <dt>Min</dt>
              <dd>{formatNumber(column.min)}</dd>
              <dt>Max</dt>
              <dd>{formatNumber(column.max)}</dd>
              <dt>Mean</dt>
              <dd>{formatNumber(column.mean)}</dd>
              <dt>Std. deviation</dt>
              <dd>{formatNumber(column.std)}</dd>
            </>
          )}
          {column.kind === 'date' && (
            <>
              <dt>Earliest</dt>
              <dd>{column.min ?? '—'}</dd>
              <dt>Latest</dt>
              <dd>{column.max ?? '—'}</dd>
            </>
          )}
          {column.kind === 'category' && (
            <>
              <dt>Length</dt>
              <dd>
                {formatNumber(column.lengths.min)} to {formatNumber(column.lengths.max)}, mean {formatNumber(column.lengths.mean)}
              </dd>
            </>
          )}
        </dl>
        {info && <CoercionNote dataset={dataset} column={info} />}
      </div>

      {column.kind === 'numeric' && (
        <table className="ds-table ds-quantiles" aria-label={`Quantiles of ${column.name}`}>
          <caption>
            Quantiles
            {column.quantileMethod === 'reservoir' && (
              <span className="ds-note" title="Computed on a uniform sample of the column's values: exact quantiles would need a full sort.">
                {' '}
                estimated from a sample
              </span>
            )}
          </caption>
          <tbody>
            {quantileKeys.map((key) => (
              <tr key={key}>
                <th scope="row">{key}</th>
                <td className="num">{formatNumber(column.quantiles[key])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {(column.kind === 'numeric' || column.kind === 'date') && (
        <figure className="ds-figure">
          <figcaption>Histogram</figcaption>
          <HistogramChart histogram={column.histogram} isDate={column.kind === 'date'} label={`Histogram of ${column.name}`} width={WIDE} height={TALL} />
          <EdgeLabels edges={column.histogram.edges} isDate={column.kind === 'date'} width={WIDE} />
        </figure>
      )}

      {column.kind === 'category' && <TopValuesTable column={column} />}

      {split && target && (
        <figure className="ds-figure">
          <figcaption>
            By {target}: {split.kind === 'numeric' ? 'correlation ratio η' : "Cramér's V"} {split.strength === null ? '—' : split.strength.toFixed(2)} (
            {strengthLabel(split.strength)})
          </figcaption>
          <SplitChart bins={split.bins} groups={split.groups} label={`${column.name} by ${target}`} width={WIDE} height={TALL} stretch={stretch} />
          {split.kind === 'numeric' && <EdgeLabels edges={split.bins as number[]} isDate={false} width={WIDE} />}
          <TargetLegend target={target} groups={split.groups.map((g) => g.target)} />
        </figure>
      )}
    </div>
  );
}

function TopValuesTable({ column }: { column: CategoryProfile }) {
  const total = column.count + column.nulls;
  const rows = [
    ...column.top.map((t) => ({ key: `v:${t.value}`, label: visibleValue(t.value), count: t.count, muted: false })),
    ...(column.otherCount > 0 ? [{ key: 'other', label: { text: 'all other values', blank: false }, count: column.otherCount, muted: true }] : []),
    ...(column.nulls > 0 ? [{ key: 'null', label: { text: 'missing (NULL)', blank: false }, count: column.nulls, muted: true }] : []),
  ];
  return (
    <table className="ds-table ds-top" aria-label={`Top values of ${column.name}`}>
      <caption>Most frequent values</caption>
      <thead>
        <tr>
          <th scope="col">Value</th>
          <th scope="col" className="num">Count</th>
          <th scope="col" className="num">Share</th>
          <th scope="col">
            <span className="ds-visually-hidden">Bar</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const share = total > 0 ? row.count / total : 0;
          return (
            <tr key={row.key} className={row.muted ? 'ds-soft' : undefined}>
              <td className={row.label.blank ? 'ds-blank' : undefined}>{row.label.text}</td>
              <td className="num">{formatCount(row.count)}</td>
              <td className="num">{formatShare(share)}</td>
              <td className="ds-share-cell" aria-hidden="true">
                <span className={row.muted ? 'ds-share-bar ds-bar-other' : 'ds-share-bar'} style={{ width: `${Math.max(share * 100, row.count > 0 ? 0.5 : 0)}%` }} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
