import { describe, expect, it } from 'vitest';
import { formatDelta, formatIsoTime, formatNumber, formatSize, plural, shortHash } from './format';

describe('model figures', () => {
  it('shows metrics to four significant digits, integers whole, tiny and huge ones in exponent form', () => {
    expect(formatNumber(0.8123456)).toBe('0.8123');
    expect(formatNumber(42)).toBe('42');
    expect(formatNumber(0.00001234)).toBe('1.234e-5');
    expect(formatNumber(Number.NaN)).toBe('NaN');
  });

  it('signs differences, with a true minus sign', () => {
    expect(formatDelta(0.0123)).toBe('+0.0123');
    expect(formatDelta(-3)).toBe('−3');
    expect(formatDelta(0)).toBe('0');
  });

  it('sizes files in binary units', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(3 * 1024 * 1024 + 200 * 1024)).toBe('3.2 MB');
    expect(formatSize(-1)).toBe('—');
  });

  it('shortens hashes and counts things', () => {
    expect(shortHash('0123456789abcdef0123')).toBe('0123456789ab');
    expect(shortHash('abc')).toBe('abc');
    expect(shortHash('sha256:d5f72aa01b2c3d4e5f')).toBe('d5f72aa01b2c');
    expect(plural(1, 'file')).toBe('1 file');
    expect(plural(3, 'file')).toBe('3 files');
  });

  it('keeps an audit time it cannot read as it came', () => {
    expect(formatIsoTime('not a time')).toBe('not a time');
    expect(formatIsoTime('2025-03-04T10:20:00Z')).toMatch(/^2025-03-0[345] \d\d:\d\d$/);
  });
});
