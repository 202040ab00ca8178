import type { GraphLine, GraphRow } from './graph';

export const LANE_PX = 14;
export const ROW_PX = 28;
const MID = ROW_PX / 2;
const DOT_RADIUS = 4;
/** Lane colours cycle through this many classes in history.css. */
const COLORS = 8;

const x = (lane: number): number => LANE_PX / 2 + lane * LANE_PX;
const colorClass = (color: number): string => `git-graph-c${color % COLORS}`;

/** A straight line within a lane, or an S-curve between two lanes, over half a row from `y0` to `y1`. */
function path(line: GraphLine, y0: number, y1: number): string {
  const x0 = x(line.from);
  const x1 = x(line.to);
  if (x0 === x1) return `M ${x0} ${y0} L ${x1} ${y1}`;
  const bend = (y0 + y1) / 2;
  return `M ${x0} ${y0} C ${x0} ${bend} ${x1} ${bend} ${x1} ${y1}`;
}

/**
 * One row of the branch graph, `lanes` wide: the lines through the row and the
 * commit's dot (hollow for a merge). Lanes past `lanes` are cut off, so a
 * history with very many open branches does not push the subjects away.
 */
export function GraphCell({ row, lanes }: { row: GraphRow; lanes: number }) {
  const width = lanes * LANE_PX;
  return (
    <svg className="git-graph" width={width} height={ROW_PX} viewBox={`0 0 ${width} ${ROW_PX}`} aria-hidden="true" data-lanes={row.width}>
      {row.top.map((line) => (
        <path key={`t${line.from}-${line.to}`} d={path(line, 0, MID)} className={`git-graph-line ${colorClass(line.color)}`} />
      ))}
      {row.bottom.map((line) => (
        <path key={`b${line.from}-${line.to}`} d={path(line, MID, ROW_PX)} className={`git-graph-line ${colorClass(line.color)}`} />
      ))}
      <circle
        cx={x(row.lane)}
        cy={MID}
        r={DOT_RADIUS}
        className={`git-graph-dot ${colorClass(row.lane)}${row.merge ? ' git-graph-merge' : ''}`}
        data-testid="git-graph-dot"
        data-lane={row.lane}
      />
    </svg>
  );
}
