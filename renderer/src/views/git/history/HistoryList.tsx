import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { CommitSummary } from '../../../../../shared/contract';
import { absoluteTime, refBadges, relativeTime, shortOid } from './format';
import { GraphCell, LANE_PX, ROW_PX } from './GraphCell';
import { graphWidth, type GraphRow } from './graph';
import { RefBadgeList } from './RefBadgeList';

/** Past this many lanes the graph is cut off rather than squeezing the subjects. */
const MOST_LANES = 12;

interface Props {
  commits: CommitSummary[];
  rows: GraphRow[];
  current: string | null;
  remoteBranches: ReadonlySet<string>;
  selected: string | null;
  onSelect: (oid: string) => void;
}

/** The commit log as a grid, virtualised so a long history scrolls smoothly; arrow keys move the selection. */
export function HistoryList({ commits, rows, current, remoteBranches, selected, onSelect }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const lanes = Math.min(MOST_LANES, graphWidth(rows));
  const now = Date.now();

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders this component itself on scroll; nothing memoizes its output.
  const virtualizer = useVirtualizer({
    count: commits.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 15,
  });

  const selectedIndex = selected === null ? -1 : commits.findIndex((commit) => commit.oid === selected);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0 || commits.length === 0) return;
    event.preventDefault();
    const next = Math.min(commits.length - 1, Math.max(0, selectedIndex + step));
    const commit = commits[next];
    if (commit) onSelect(commit.oid);
  };

  // Wide enough for the header's word when the graph is one or two lanes.
  const template = `${Math.max(48, lanes * LANE_PX + 8)}px minmax(200px, 1fr) minmax(100px, 180px) 110px 70px`;
  return (
    <div
      ref={scrollRef}
      className="git-history-scroll"
      role="grid"
      aria-label="Commits"
      aria-rowcount={commits.length + 1}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="git-history"
      data-graph-lanes={graphWidth(rows)}
    >
      <div role="row" className="git-history-row git-history-head" style={{ gridTemplateColumns: template }} aria-rowindex={1}>
        <span role="columnheader">Graph</span>
        <span role="columnheader">Subject</span>
        <span role="columnheader">Author</span>
        <span role="columnheader">Date</span>
        <span role="columnheader">Commit</span>
      </div>
      <div className="git-history-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const commit = commits[item.index];
          const row = rows[item.index];
          if (!commit || !row) return null;
          const isSelected = commit.oid === selected;
          return (
            <div
              key={commit.oid}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={isSelected}
              className="git-history-row"
              style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)` }}
              onClick={() => onSelect(commit.oid)}
              data-oid={commit.oid}
            >
              <span role="gridcell" className="git-history-graph">
                <GraphCell row={row} lanes={lanes} />
              </span>
              <span role="gridcell" className="git-history-subject" title={commit.subject}>
                <RefBadgeList badges={refBadges(commit.refs, current, remoteBranches)} />
                <span className="git-history-subject-text">{commit.subject || '(no message)'}</span>
              </span>
              <span role="gridcell" className="git-history-author" title={commit.author.email}>
                {commit.author.name}
              </span>
              <span role="gridcell" className="git-history-date" title={absoluteTime(commit.author.timestamp)}>
                {relativeTime(commit.author.timestamp, now)}
              </span>
              <span role="gridcell" className="git-history-oid">
                <code>{shortOid(commit.oid)}</code>
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
