export type CorrelationMethod = 'pearson' | 'spearman' | 'cramersV';

export const correlationMethods: { id: CorrelationMethod; label: string; about: string }[] = [
  { id: 'pearson', label: 'Pearson', about: 'Linear correlation between numeric columns, −1 to 1.' },
  { id: 'spearman', label: 'Spearman', about: 'Rank correlation between numeric columns, −1 to 1: catches any monotonic relation.' },
  { id: 'cramersV', label: "Cramér's V", about: 'Association between categorical columns, 0 to 1.' },
];

export interface CellShade {
  /** How much of the colour to mix into the background, 0..100. */
  mix: number;
  sign: 'positive' | 'negative' | 'none';
  /** Dark cells take light text. */
  strong: boolean;
}

export function cellShade(value: number | null): CellShade {
  if (value === null || Number.isNaN(value)) return { mix: 0, sign: 'none', strong: false };
  const mix = Math.round(Math.min(Math.abs(value), 1) * 100);
  return { mix, sign: value < 0 ? 'negative' : 'positive', strong: mix >= 60 };
}

/** Two decimals with a true minus sign; a dash where the value is undefined (a constant column). */
export function formatCorrelation(value: number | null): string {
  if (value === null || Number.isNaN(value)) return '—';
  const text = Math.abs(value).toFixed(2);
  return value < 0 && text !== '0.00' ? `−${text}` : text;
}
