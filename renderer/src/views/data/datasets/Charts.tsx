import type { Histogram } from '../../../../../shared/contract';
import { histogramBars, stackedBars } from './bars';
import { formatCount, formatEdge, formatShare, visibleValue } from './format';

/** Categories are separate things: their bars stand apart, where a histogram's bins touch. */
const CATEGORY_GAP = 3;

/** Target groups get these colour classes in order (see datasets.css); a target has at most ten shown groups. */
export const groupClass = (index: number): string => `ds-g${index % 10}`;

function binLabel(edges: readonly number[], index: number, isDate: boolean): string {
  const low = edges[index];
  const high = edges[index + 1];
  return low === undefined || high === undefined ? '' : `${formatEdge(low, isDate)} to ${formatEdge(high, isDate)}`;
}

interface HistogramProps {
  histogram: Histogram;
  isDate: boolean;
  label: string;
  width: number;
  height: number;
}

/** A histogram as SVG bars; each bar's tooltip gives its range and count. */
export function HistogramChart({ histogram, isDate, label, width, height }: HistogramProps) {
  const bars = histogramBars(histogram.counts, width, height);
  const first = histogram.edges[0];
  const last = histogram.edges.at(-1);
  const range = first === undefined || last === undefined ? '' : `, ${formatEdge(first, isDate)} to ${formatEdge(last, isDate)}`;
  return (
    <svg className="ds-chart" width={width} height={height} role="img" aria-label={`${label}: ${histogram.counts.length} bins${range}`}>
      {bars.map((bar, i) => (
        <rect key={i} className="ds-bar" x={bar.x} y={bar.y} width={bar.width} height={bar.height}>
          <title>{`${binLabel(histogram.edges, i, isDate)}: ${formatCount(histogram.counts[i] ?? 0)} rows`}</title>
        </rect>
      ))}
      <line className="ds-axis" x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} />
    </svg>
  );
}

/** Edge labels under a histogram: first, middle and last. */
export function EdgeLabels({ edges, isDate, width }: { edges: readonly number[]; isDate: boolean; width: number }) {
  const first = edges[0];
  const last = edges.at(-1);
  const middle = edges[Math.floor(edges.length / 2)];
  if (first === undefined || last === undefined) return null;
  return (
    <div className="ds-edges" style={{ width }} aria-hidden="true">
      <span>{formatEdge(first, isDate)}</span>
      {middle !== undefined && edges.length > 2 && <span>{formatEdge(middle, isDate)}</span>}
      <span>{formatEdge(last, isDate)}</span>
    </div>
  );
}

interface TopBarsProps {
  top: readonly { value: string; count: number }[];
  otherCount: number;
  label: string;
  width: number;
  height: number;
}

/** Top values as bars, most frequent first, with the remaining values as one muted bar. */
export function TopValuesChart({ top, otherCount, label, width, height }: TopBarsProps) {
  const counts = [...top.map((t) => t.count), ...(otherCount > 0 ? [otherCount] : [])];
  const bars = histogramBars(counts, width, height, CATEGORY_GAP);
  return (
    <svg className="ds-chart" width={width} height={height} role="img" aria-label={`${label}: ${top.length} most frequent values${otherCount > 0 ? ' and the rest' : ''}`}>
      {bars.map((bar, i) => {
        const entry = top[i];
        const title = entry ? `${visibleValue(entry.value).text}: ${formatCount(entry.count)}` : `other values: ${formatCount(otherCount)}`;
        return (
          <rect key={i} className={entry ? 'ds-bar' : 'ds-bar ds-bar-other'} x={bar.x} y={bar.y} width={bar.width} height={bar.height}>
            <title>{title}</title>
          </rect>
        );
      })}
      <line className="ds-axis" x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} />
    </svg>
  );
}

interface SplitProps {
  bins: readonly (number | string)[];
  groups: readonly { target: string; counts: readonly number[] }[];
  label: string;
  width: number;
  height: number;
  /** Every bar full height, to compare the target's shares across bins. */
  stretch?: boolean;
}

/** A column's distribution stacked by the target's values: numeric bins (from edges) or category values. */
export function SplitChart({ bins, groups, label, width, height, stretch = false }: SplitProps) {
  const numeric = bins.every((b) => typeof b === 'number');
  const stacks = stackedBars(groups.map((g) => g.counts), width, height, numeric ? 1 : CATEGORY_GAP, stretch);
  const totals = stacks.map((segments) => segments.reduce((sum, s) => sum + s.count, 0));
  const binName = (i: number): string =>
    numeric ? binLabel(bins, i, false) : visibleValue(String(bins[i] ?? '')).text;
  return (
    <svg className="ds-chart" width={width} height={height} role="img" aria-label={`${label}, split by ${groups.map((g) => g.target).join(' / ')}`}>
      {stacks.map((segments, bin) =>
        segments.map((segment) => (
          <rect key={`${bin}-${segment.group}`} className={groupClass(segment.group)} x={segment.x} y={segment.y} width={segment.width} height={segment.height}>
            <title>{`${binName(bin)}, ${groups[segment.group]?.target ?? ''}: ${formatCount(segment.count)} (${formatShare(segment.count / (totals[bin] ?? 1))})`}</title>
          </rect>
        )),
      )}
      <line className="ds-axis" x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} />
    </svg>
  );
}

/** Which colour is which target value. */
export function TargetLegend({ target, groups }: { target: string; groups: readonly string[] }) {
  return (
    <ul className="ds-legend" aria-label={`Colours for ${target}`}>
      {groups.map((group, i) => (
        <li key={group}>
          <span className={`ds-swatch ${groupClass(i)}`} aria-hidden="true" />
          {target} = {visibleValue(group).text}
        </li>
      ))}
    </ul>
  );
}
