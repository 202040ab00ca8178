import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import type { RunSummary } from '../../../../../shared/contract';
import { cellText, columnId, columnLabel, columnWidth, isNumericColumn, isSortable, type RunColumn } from './run-columns';
import type { SortState } from './search-query';
import { StatusBadge } from './StatusBadge';

export const ROW_PX = 30;
const CHECK_PX = 36;

/** A row of the table: a run (a trial one level in), or a note under an opened search. */
export type TableRow =
  | { kind: 'run'; run: RunSummary; depth: 0 | 1; parent: boolean; expanded: boolean; best: boolean }
  | { kind: 'note'; text: string };

interface Props {
  columns: RunColumn[];
  /** Rows shown, trials of opened searches included. */
  count: number;
  /** Undefined while its page is on its way. */
  rowAt: (display: number) => TableRow | undefined;
  /** The rows on screen, asked for after scrolling pauses and again when `refreshKey` changes. */
  onVisible: (first: number, last: number) => void;
  refreshKey: number;
  /** Scrolls back to the top when it changes (another search, sort or filter). */
  resetKey: string;
  sort: SortState | null;
  onSort: (column: RunColumn) => void;
  selected: ReadonlySet<string>;
  onSelect: (runId: string, selected: boolean) => void;
  onOpen: (runId: string) => void;
  onExpand: (runId: string) => void;
}

const stop = (event: MouseEvent): void => event.stopPropagation();

/** The clock, ticking each second: running runs' durations grow. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The runs as a grid, virtualised: only the rows on screen are drawn, and only their pages fetched. */
export function RunsTable(props: Props) {
  const { columns, count, rowAt, onVisible, refreshKey, resetKey, sort, onSort } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const now = useNow();
  const template = `${CHECK_PX}px ${columns.map((column) => `${columnWidth(column)}px`).join(' ')}`;
  const width = CHECK_PX + columns.reduce((sum, column) => sum + columnWidth(column) + 10, 0);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders this component itself on scroll; nothing memoizes its output.
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_PX, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;

  // Fetch after scrolling pauses briefly, so dragging the scrollbar across 10,000 runs does not ask for every page.
  useEffect(() => {
    const timer = setTimeout(() => onVisible(first, Math.max(first, last)), 60);
    return () => clearTimeout(timer);
  }, [first, last, onVisible, refreshKey]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  return (
    <div ref={scrollRef} className="exp-runs-scroll" role="grid" aria-label="Runs" aria-rowcount={count + 1} data-testid="runs-table">
      <div role="row" className="exp-runs-row exp-runs-head" style={{ gridTemplateColumns: template, minWidth: width }} aria-rowindex={1}>
        <span role="columnheader">
          <span className="exp-visually-hidden">Select</span>
        </span>
        {columns.map((column) => {
          const sorted = sort && sort.kind === column.kind && sort.key === column.key ? sort : null;
          const label = columnLabel(column);
          return (
            <span
              key={columnId(column)}
              role="columnheader"
              aria-sort={sorted ? (sorted.descending ? 'descending' : 'ascending') : 'none'}
              className={isNumericColumn(column) ? 'exp-num' : undefined}
              title={columnId(column)}
            >
              {isSortable(column) ? (
                <button type="button" className="exp-sort" onClick={() => onSort(column)} data-testid={`runs-sort-${columnId(column)}`}>
                  {label}
                  {sorted && <span aria-hidden="true">{sorted.descending ? ' ▼' : ' ▲'}</span>}
                </button>
              ) : (
                label
              )}
            </span>
          );
        })}
      </div>
      <div className="exp-runs-body" style={{ height: virtualizer.getTotalSize(), minWidth: width }}>
        {items.map((item) => (
          <RowView key={item.key} display={item.index} start={item.start} template={template} row={rowAt(item.index)} now={now} {...props} />
        ))}
      </div>
    </div>
  );
}

function RowView({ display, start, template, row, columns, selected, onSelect, onOpen, onExpand, now }: Props & { display: number; start: number; template: string; row: TableRow | undefined; now: number }) {
  const style = { gridTemplateColumns: template, transform: `translateY(${start}px)` };
  if (!row || row.kind === 'note') {
    return (
      <div role="row" aria-rowindex={display + 2} className={`exp-runs-row ${row ? 'exp-runs-note' : 'exp-runs-loading'}`} style={style}>
        <span role="gridcell" />
        <span role="gridcell" className="exp-muted" style={{ paddingLeft: row ? 28 : 0 }}>
          {row ? row.text : 'Loading…'}
        </span>
      </div>
    );
  }
  const { run, depth, parent, expanded, best } = row;
  const checked = selected.has(run.id);
  return (
    <div
      role="row"
      aria-rowindex={display + 2}
      aria-selected={checked}
      className={`exp-runs-row${best ? ' exp-runs-best' : ''}${depth ? ' exp-runs-child' : ''}`}
      style={style}
      onClick={() => onOpen(run.id)}
      data-testid="run-row"
      data-run-id={run.id}
      data-status={run.status}
      data-best={best || undefined}
    >
      <span role="gridcell" onClick={stop}>
        <input type="checkbox" className="exp-check" checked={checked} onChange={(event) => onSelect(run.id, event.target.checked)} aria-label={`Select ${run.name}`} data-testid="run-select" />
      </span>
      {columns.map((column) => {
        const id = columnId(column);
        if (column.kind === 'attributes' && column.key === 'run_name') {
          return (
            <span role="gridcell" key={id} className="exp-runs-name" style={{ paddingLeft: depth * 20 }}>
              {parent ? (
                <button type="button" className="exp-expand" aria-expanded={expanded} aria-label={`${expanded ? 'Hide' : 'Show'} trials of ${run.name}`} onClick={(event) => (stop(event), onExpand(run.id))}>
                  {expanded ? '▾' : '▸'}
                </button>
              ) : (
                <span className="exp-expand-gap">{depth ? '↳' : ''}</span>
              )}
              <button type="button" className="link-button exp-run-link" title={run.name} onClick={(event) => (stop(event), onOpen(run.id))}>
                {run.name || run.id}
              </button>
              {best && <span className="exp-best-badge">best</span>}
            </span>
          );
        }
        if (column.kind === 'attributes' && column.key === 'status') {
          return (
            <span role="gridcell" key={id}>
              <StatusBadge status={run.status} />
            </span>
          );
        }
        const text = cellText(run, column, now);
        return (
          <span role="gridcell" key={id} className={isNumericColumn(column) ? 'exp-num' : undefined} title={text}>
            {text}
          </span>
        );
      })}
    </div>
  );
}
