/**
 * How the Datasets panel writes numbers and values. English grouping on
 * purpose: the panel's copy is English, and mixed separators mislead.
 */

const DASH = '—';

export function formatCount(value: number): string {
  return value.toLocaleString('en');
}

/**
 * Up to `digits` significant digits and four decimals (a min of 118.75 stays
 * 118.75), scientific notation at the extremes. Summaries such as a mean read
 * better with fewer digits; values that occur in the data keep theirs.
 */
export function formatNumber(value: number | null | undefined, digits = 6): string {
  if (value === null || value === undefined || Number.isNaN(value)) return DASH;
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude >= 1e9 || magnitude < 1e-4)) return value.toExponential(2);
  if (Number.isInteger(value)) return value.toLocaleString('en');
  return value.toLocaleString('en', { maximumSignificantDigits: digits, maximumFractionDigits: 4, roundingPriority: 'lessPrecision' });
}

/** A share of rows as a percentage; tiny non-zero shares stay visible rather than rounding to 0%. */
export function formatShare(share: number): string {
  if (share === 0) return '0%';
  if (share < 0.001) return '<0.1%';
  if (share === 1) return '100%';
  if (share > 0.999) return '>99.9%';
  return `${(share * 100).toFixed(1)}%`;
}

export function formatDistinct(distinct: number, approximate: boolean): string {
  return `${approximate ? '≈' : ''}${formatCount(distinct)}`;
}

/** A histogram edge: epoch milliseconds for dates, else a number. */
export function formatEdge(value: number, isDate: boolean): string {
  if (!isDate) return formatNumber(value);
  const iso = new Date(value).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}

export function formatSeconds(seconds: number): string {
  return seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${seconds.toFixed(1)} s`;
}

export interface VisibleValue {
  text: string;
  /** True when the raw value is empty or only whitespace, which a table would show as nothing. */
  blank: boolean;
  /** What the blank holds, e.g. "1 space", when it is not empty. */
  detail?: string;
}

/** Makes empty and whitespace-only values visible as “(blank)”, saying what whitespace they hold. */
export function visibleValue(raw: string): VisibleValue {
  if (raw.trim() !== '') return { text: raw, blank: false };
  if (raw === '') return { text: '(blank)', blank: true };
  const spaces = raw.split(' ').length - 1;
  const detail = spaces === raw.length ? `${spaces} ${spaces === 1 ? 'space' : 'spaces'}` : `${raw.length} whitespace characters`;
  return { text: '(blank)', blank: true, detail };
}
