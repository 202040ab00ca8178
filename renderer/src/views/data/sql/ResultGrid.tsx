import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { observeElementOffset, useVirtualizer } from '@tanstack/react-virtual';
import type { ResultColumn, ResultSort } from '../../../../../shared/contract';
import { columnWidth, formatCell } from './grid-view';
import { scrollScale, type Row } from './pages';

export const ROW_PX = 26;
const HEADER_PX = 44;
const MIN_COLUMN_PX = 48;

interface Props {
  columns: ResultColumn[];
  rowCount: number;
  rowAt: (index: number) => Row | undefined;
  request: (first: number, last: number) => void;
  sort: ResultSort[];
  /** Absent when the result cannot be sorted (a script's result). */
  onSort?: (column: string, additive: boolean) => void;
  onFilterColumn?: (column: string) => void;
  /** Columns with a filter applied, marked in their header. */
  filtered?: ReadonlySet<string>;
  /** Scrolls back to the top when it changes (a new sort or filter). */
  resetKey: string;
}

/**
 * The rows of a result, virtualized: only the rows on screen are in the DOM,
 * and only their pages are fetched. Past the browser's height limit (about a
 * million rows) the scroll area is scaled and positions are mapped back to rows.
 */
export function ResultGrid({ columns, rowCount, rowAt, request, sort, onSort, onFilterColumn, filtered, resetKey }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [widths, setWidths] = useState(() => columns.map(columnWidth));
  // The row-number column fits the largest number: 10,000,000 needs room.
  const indexPx = Math.max(56, rowCount.toLocaleString().length * 8 + 24);
  const contentPx = rowCount * ROW_PX;
  const scale = scrollScale(contentPx);
  const bodyPx = contentPx * scale;

  // The scroll observer is set up once, so it reads the geometry of the latest render.
  const geometry = useRef({ contentPx, bodyPx });
  useEffect(() => {
    geometry.current = { contentPx, bodyPx };
  });
  // Scaled mode: scrollTop 0..max maps linearly onto rows 0..the last screenful (unscaled, it is the identity).
  const toVirtual = (scrollTop: number, viewport: number): number => {
    const { contentPx: content, bodyPx: body } = geometry.current;
    const visible = Math.max(0, viewport - HEADER_PX);
    const realMax = body - visible;
    return realMax > 0 && body < content ? (scrollTop * (content - visible)) / realMax : scrollTop;
  };
  const fromVirtual = (offset: number, viewport: number): number => {
    const visible = Math.max(0, viewport - HEADER_PX);
    const virtualMax = contentPx - visible;
    return virtualMax > 0 ? (offset * (bodyPx - visible)) / virtualMax : 0;
  };

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders this component itself on scroll; nothing memoizes its output.
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
    observeElementOffset: (instance, report) =>
      observeElementOffset(instance, (offset, scrolling) => report(toVirtual(offset, instance.scrollElement?.clientHeight ?? 0), scrolling)),
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  const offset = virtualizer.scrollOffset ?? 0;
  const viewport = virtualizer.scrollRect?.height ?? 0;
  const shift = scale === 1 ? 0 : fromVirtual(offset, viewport) - offset;

  // Fetch after scrolling pauses briefly, so dragging the scrollbar across a
  // million rows does not ask for every page on the way.
  useEffect(() => {
    if (last < first) return;
    const timer = setTimeout(() => request(first, last), 60);
    return () => clearTimeout(timer);
  }, [first, last, request]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  // Scaled, a wheel notch would skip dozens of rows; scroll by the rows it
  // means instead, keeping the fractions of a pixel for the next event.
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    let pending = 0;
    const onWheel = (event: WheelEvent): void => {
      const { contentPx: content, bodyPx: body } = geometry.current;
      if (body >= content || event.ctrlKey) return;
      event.preventDefault();
      const unit = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? ROW_PX : event.deltaMode === WheelEvent.DOM_DELTA_PAGE ? element.clientHeight : 1;
      const visible = Math.max(0, element.clientHeight - HEADER_PX);
      pending += (event.deltaY * unit * (body - visible)) / (content - visible);
      const whole = Math.trunc(pending);
      pending -= whole;
      element.scrollTop += whole;
      element.scrollLeft += event.deltaX * unit;
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, []);

  const template = `${indexPx}px ${widths.map((w) => `${w}px`).join(' ')}`;
  const totalWidth = indexPx + widths.reduce((a, b) => a + b, 0);

  const startResize = (index: number, event: ReactPointerEvent<HTMLSpanElement>): void => {
    event.preventDefault();
    event.stopPropagation();
    const startX = event.clientX;
    const startWidth = widths[index] ?? MIN_COLUMN_PX;
    const move = (e: PointerEvent): void => setWidths((current) => current.map((w, i) => (i === index ? Math.max(MIN_COLUMN_PX, startWidth + e.clientX - startX) : w)));
    const stop = (): void => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', stop);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', stop);
  };

  return (
    <div ref={scrollRef} className="sql-grid" role="grid" aria-label="Query result" aria-rowcount={rowCount + 1} aria-colcount={columns.length + 1} data-testid="sql-grid">
      <div className="sql-grid-header" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template, width: totalWidth, height: HEADER_PX }}>
        <div className="sql-grid-corner" role="columnheader">#</div>
        {columns.map((column, index) => {
          const position = sort.findIndex((s) => s.column === column.name);
          const direction = sort[position]?.direction;
          return (
            <div key={`${index}:${column.name}`} className="sql-grid-th" role="columnheader" aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : 'none'}>
              <button
                type="button"
                className="sql-grid-sort"
                disabled={!onSort}
                title={onSort ? `Sort by ${column.name} (Shift-click to add to the sort)` : column.name}
                onClick={(event) => onSort?.(column.name, event.shiftKey)}
              >
                <span className="sql-grid-name">
                  {column.name}
                  {direction && <span className="sql-grid-arrow">{direction === 'asc' ? ' ▲' : ' ▼'}{sort.length > 1 ? position + 1 : ''}</span>}
                </span>
                <span className="sql-grid-type">{column.type}</span>
              </button>
              {onFilterColumn && (
                <button type="button" className="sql-grid-filter" data-active={filtered?.has(column.name) ?? false} aria-label={`Filter ${column.name}`} title={`Filter ${column.name}`} onClick={() => onFilterColumn(column.name)}>
                  <FunnelIcon />
                </button>
              )}
              <span className="sql-grid-resize" aria-hidden="true" onPointerDown={(event) => startResize(index, event)} />
            </div>
          );
        })}
      </div>
      {rowCount === 0 && <p className="sql-grid-empty">No rows.</p>}
      <div className="sql-grid-body" style={{ height: bodyPx, width: totalWidth }}>
        {items.map((item) => {
          const row = rowAt(item.index);
          return (
            <div
              key={item.key}
              className={`sql-grid-row${item.index % 2 === 1 ? ' sql-grid-row-odd' : ''}`}
              role="row"
              aria-rowindex={item.index + 2}
              style={{ gridTemplateColumns: template, transform: `translateY(${item.start + shift}px)`, height: ROW_PX }}
            >
              <div className="sql-grid-index" role="rowheader">{(item.index + 1).toLocaleString()}</div>
              {columns.map((column, c) => {
                if (!row) return <div key={c} className="sql-cell sql-cell-loading" role="gridcell" />;
                const cell = formatCell(row[c], column.type);
                return (
                  <div key={c} className={`sql-cell sql-cell-${cell.kind}`} role="gridcell" title={cell.text.length > 24 ? cell.text : undefined}>
                    {cell.text}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function FunnelIcon() {
  return (
    <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d="M1.5 2h13l-5 6.2V13l-3 1.5V8.2z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
    </svg>
  );
}
