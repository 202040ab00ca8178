import { Fragment, useId, useState } from 'react';
import type { CategoryProfile, ColumnProfile, Dataset, Profile } from '../../../../../shared/contract';
import { HistogramChart, SplitChart, TopValuesChart } from './Charts';
import { APPROX_DISTINCT, ColumnDetails } from './ColumnDetails';
import { formatCount, formatDistinct, formatNumber, formatShare, visibleValue } from './format';
import { profileRows, targetSelfSplit, type ProfileRow } from './profileRows';
import { strengthLabel } from './strength';

const MINI_WIDTH = 140;
const MINI_HEIGHT = 30;

/** One row per column, Orange-style: distribution, missing, distinct, centre, spread, range; a row opens to its details. */
export function ProfileTable({ dataset, profile, stretch }: { dataset: Dataset; profile: Profile; stretch: boolean }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const idPrefix = useId();
  const rows = profileRows(profile, dataset.columns);
  const target = profile.target?.column ?? null;
  const groups = profile.target?.columns[0]?.groups.map((g) => g.target) ?? [];
  const toggle = (name: string): void =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(name)) next.add(name);
      return next;
    });
  const columnCount = target ? 9 : 8;

  return (
    <table className="ds-table ds-profile" aria-label={`Column profiles of ${dataset.name}`}>
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">{target ? `Distribution by ${target}` : 'Distribution'}</th>
          {target && (
            <th scope="col" title="Strength of association with the target: Cramér's V for categories, the correlation ratio η for numbers (0 to 1).">
              Association
            </th>
          )}
          <th scope="col" className="num">Missing</th>
          <th scope="col" className="num">Distinct</th>
          <th scope="col" className="num" title="Mean for numbers, the most frequent value for categories">Mean / mode</th>
          <th scope="col" className="num" title="Standard deviation for numbers">Std</th>
          <th scope="col" className="num">Min</th>
          <th scope="col" className="num">Max</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => {
          const name = row.column.name;
          // Column names may hold spaces, which an id reference cannot.
          const detailsId = `${idPrefix}-${index}`;
          const expanded = open.has(name);
          return (
            <Fragment key={name}>
              <tr className={expanded ? 'ds-row-open' : undefined}>
                <th scope="row" className="ds-col-name">
                  <button type="button" className="ds-expand" aria-expanded={expanded} aria-controls={expanded ? detailsId : undefined} onClick={() => toggle(name)}>
                    <span className="ds-caret" aria-hidden="true">{expanded ? '▾' : '▸'}</span>
                    {name}
                  </button>
                  <div className="ds-col-meta">
                    <code>{row.column.type}</code>
                    {row.isTarget && <span className="ds-tag">target</span>}
                    {row.info?.coercedFrom && row.info.unparsed > 0 && (
                      <span className="ds-tag ds-tag-warn" title={`read as ${row.info.type} from text; open the row to see them`}>
                        {formatCount(row.info.unparsed)} unparsed
                      </span>
                    )}
                  </div>
                </th>
                <td>
                  <MiniDistribution row={row} target={target} groups={groups} stretch={stretch} />
                </td>
                {target && (
                  <td className="ds-strength" title={row.split ? `${row.split.kind === 'numeric' ? 'Correlation ratio η' : "Cramér's V"}: ${strengthLabel(row.split.strength)}` : undefined}>
                    {row.split && <StrengthBar value={row.split.strength} />}
                  </td>
                )}
                <td className="num" title={`${formatCount(row.column.nulls)} missing`}>
                  {formatShare(row.column.nullShare)}
                </td>
                <td className="num" title={row.column.distinctApprox ? APPROX_DISTINCT : undefined}>
                  {formatDistinct(row.column.distinct, row.column.distinctApprox)}
                </td>
                <Summary column={row.column} />
              </tr>
              {expanded && (
                <tr className="ds-details-row" id={detailsId}>
                  <td colSpan={columnCount}>
                    <ColumnDetails dataset={dataset} column={row.column} info={row.info} split={row.split} target={target} stretch={stretch} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

interface MiniProps {
  row: ProfileRow;
  target: string | null;
  groups: readonly string[];
  stretch: boolean;
}

function MiniDistribution({ row, target, groups, stretch }: MiniProps) {
  const { column, split } = row;
  const label = `Distribution of ${column.name}`;
  const size = { width: MINI_WIDTH, height: MINI_HEIGHT };
  if (split && target) return <SplitChart bins={split.bins} groups={split.groups} label={`${column.name} by ${target}`} stretch={stretch} {...size} />;
  const self = row.isTarget ? targetSelfSplit(column, groups) : null;
  if (self) return <SplitChart bins={self.bins} groups={self.groups} label={`Distribution of the target ${column.name}`} {...size} />;
  if (column.kind === 'category' && isUnique(column)) return <span className="ds-soft ds-unique">every value distinct</span>;
  if (column.kind === 'category') return <TopValuesChart top={column.top} otherCount={column.otherCount} label={label} width={MINI_WIDTH} height={MINI_HEIGHT} />;
  return <HistogramChart histogram={column.histogram} isDate={column.kind === 'date'} label={label} width={MINI_WIDTH} height={MINI_HEIGHT} />;
}

/** True when no value repeats: the most frequent one occurs once. */
function isUnique(column: CategoryProfile): boolean {
  return column.top[0]?.count === 1;
}

function StrengthBar({ value }: { value: number | null }) {
  if (value === null) return <span className="ds-soft">—</span>;
  return (
    <span className="ds-strength-cell">
      <span className="ds-strength-track" aria-hidden="true">
        <span className="ds-strength-fill" style={{ width: `${Math.round(value * 100)}%` }} />
      </span>
      <span className="num">{value.toFixed(2)}</span>
    </span>
  );
}

/** Centre, spread and range, as each kind of column has them. */
function Summary({ column }: { column: ColumnProfile }) {
  if (column.kind === 'numeric') {
    return (
      <>
        <td className="num" title={formatNumber(column.mean)}>{formatNumber(column.mean, 4)}</td>
        <td className="num" title={formatNumber(column.std)}>{formatNumber(column.std, 4)}</td>
        <td className="num">{formatNumber(column.min)}</td>
        <td className="num">{formatNumber(column.max)}</td>
      </>
    );
  }
  if (column.kind === 'date') {
    return (
      <>
        <td className="num ds-soft">—</td>
        <td className="num ds-soft">—</td>
        <td className="num">{column.min ?? '—'}</td>
        <td className="num">{column.max ?? '—'}</td>
      </>
    );
  }
  // A most frequent value that occurs once (an id column) is no mode at all.
  const mode = isUnique(column) ? undefined : column.top[0];
  return (
    <>
      <td className="num ds-mode" title={mode ? `${formatCount(mode.count)} rows` : undefined}>
        {mode ? visibleValue(mode.value).text : '—'}
      </td>
      <td className="num ds-soft">—</td>
      <td className="num ds-soft">—</td>
      <td className="num ds-soft">—</td>
    </>
  );
}
