import { describe, expect, it } from 'vitest';
import { fromCodePoints, toCodePoints } from './code-points';

describe('cursor offsets between JavaScript and Jupyter', () => {
  it('are the same for text without astral characters', () => {
    expect(toCodePoints('import pandas', 7)).toBe(7);
    expect(fromCodePoints('import pandas', 7)).toBe(7);
  });

  it('count an emoji as one code point and two UTF-16 units', () => {
    const code = 's = "😀"; s.up';
    const end = code.length;
    expect(end).toBe(14);
    expect(toCodePoints(code, end)).toBe(13);
    expect(fromCodePoints(code, 13)).toBe(end);
    expect(toCodePoints(code, 5)).toBe(5); // before the emoji
    expect(toCodePoints(code, 7)).toBe(6); // after it
    expect(fromCodePoints(code, toCodePoints(code, 10))).toBe(10);
  });
});
