import { describe, expect, it } from 'vitest';
import { formatCount, formatDistinct, formatEdge, formatNumber, formatSeconds, formatShare, visibleValue } from './format';

describe('dataset number formatting', () => {
  it('groups counts with commas', () => {
    expect(formatCount(7043)).toBe('7,043');
    expect(formatCount(0)).toBe('0');
  });

  it('keeps six significant digits and four decimals at most, and whole numbers whole', () => {
    expect(formatNumber(64.76169246059918)).toBe('64.7617');
    expect(formatNumber(118.75)).toBe('118.75');
    expect(formatNumber(0.1621468124378816)).toBe('0.1621');
    expect(formatNumber(2283.300440841862)).toBe('2,283.3');
    expect(formatNumber(123456.789)).toBe('123,457');
    expect(formatNumber(8684)).toBe('8,684');
    expect(formatNumber(64.76169246059918, 4)).toBe('64.76');
    expect(formatNumber(2266.771361, 4)).toBe('2,267');
    expect(formatNumber(-3.14159265)).toBe('-3.1416');
    expect(formatNumber(0)).toBe('0');
  });

  it('switches to scientific notation at the extremes and shows missing values as a dash', () => {
    expect(formatNumber(1.5e12)).toBe('1.50e+12');
    expect(formatNumber(0.000012)).toBe('1.20e-5');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
  });

  it('writes shares as percentages without hiding tiny ones', () => {
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(11 / 7043)).toBe('0.2%');
    expect(formatShare(0.0004)).toBe('<0.1%');
    expect(formatShare(0.9999)).toBe('>99.9%');
    expect(formatShare(1)).toBe('100%');
  });

  it('marks approximate distinct counts', () => {
    expect(formatDistinct(1_234_567, true)).toBe('≈1,234,567');
    expect(formatDistinct(2, false)).toBe('2');
  });

  it('writes date edges as dates, with the time only when there is one', () => {
    expect(formatEdge(Date.UTC(2024, 0, 31), true)).toBe('2024-01-31');
    expect(formatEdge(Date.UTC(2024, 0, 31, 13, 5), true)).toBe('2024-01-31 13:05');
    expect(formatEdge(18.25, false)).toBe('18.25');
  });

  it('writes durations in milliseconds below a second', () => {
    expect(formatSeconds(0.0423)).toBe('42 ms');
    expect(formatSeconds(3.14)).toBe('3.1 s');
  });
});

describe('visible values', () => {
  it('shows empty and whitespace-only values as (blank), saying what they hold', () => {
    expect(visibleValue('')).toEqual({ text: '(blank)', blank: true });
    expect(visibleValue(' ')).toEqual({ text: '(blank)', blank: true, detail: '1 space' });
    expect(visibleValue('   ')).toEqual({ text: '(blank)', blank: true, detail: '3 spaces' });
    expect(visibleValue('\t ')).toEqual({ text: '(blank)', blank: true, detail: '2 whitespace characters' });
  });

  it('leaves other values as they are, spaces included', () => {
    expect(visibleValue('n/a')).toEqual({ text: 'n/a', blank: false });
    expect(visibleValue(' 12 ')).toEqual({ text: ' 12 ', blank: false });
  });
});
