import { describe, expect, it } from 'vitest';
import { formatDuration, formatNumber, formatTime, runDuration, shortId } from './format';

describe('formatNumber', () => {
  it('keeps integers whole and rounds others to 4 significant digits', () => {
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(0.8412345)).toBe('0.8412');
    expect(formatNumber(123.456)).toBe('123.5');
    expect(formatNumber(-0.5)).toBe('-0.5');
  });
  it('writes very small and very large values in exponent form', () => {
    expect(formatNumber(0.0000123)).toBe('1.230e-5');
    expect(formatNumber(1234567890.5)).toBe('1.235e+9');
    expect(formatNumber(Number.NaN)).toBe('NaN');
  });
});

describe('durations and times', () => {
  it('picks a unit that fits', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4m 05s');
    expect(formatDuration(7_380_000)).toBe('2h 03m');
    expect(formatDuration(-1)).toBe('—');
  });
  it('measures a running run up to now', () => {
    expect(runDuration({ startTime: 1000, endTime: 4000 }, 9000)).toBe(3000);
    expect(runDuration({ startTime: 1000, endTime: null }, 9000)).toBe(8000);
  });
  it('formats local time and short ids', () => {
    const ms = new Date(2025, 2, 4, 14, 5, 9).getTime();
    expect(formatTime(ms)).toBe('2025-03-04 14:05:09');
    expect(shortId('0123456789abcdef')).toBe('01234567');
  });
});
