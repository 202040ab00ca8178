import { describe, expect, it } from 'vitest';
import { countLines, splitBlocks, textHead } from './large-text';

describe('textHead', () => {
  it('shows short text whole', () => {
    expect(textHead('a\nb\n')).toEqual({ shown: 'a\nb\n', truncated: false, totalLines: 2 });
  });

  it('cuts text past the line limit after that many lines', () => {
    const text = Array.from({ length: 12 }, (_, i) => `line ${i}`).join('\n');
    const head = textHead(text, { lines: 5, chars: 1000 });
    expect(head).toEqual({ shown: 'line 0\nline 1\nline 2\nline 3\nline 4', truncated: true, totalLines: 12 });
  });

  it('cuts text past the character limit at a line end', () => {
    const head = textHead('aaaa\nbbbb\ncccc', { lines: 100, chars: 12 });
    expect(head.shown).toBe('aaaa\nbbbb');
    expect(head.truncated).toBe(true);
  });

  it('cuts one huge line at the character limit', () => {
    expect(textHead('x'.repeat(50), { lines: 100, chars: 10 }).shown).toBe('x'.repeat(10));
  });

  it('uses 5,000 lines and 500,000 characters by default', () => {
    expect(textHead('a\n'.repeat(5_000)).truncated).toBe(false);
    expect(textHead('a\n'.repeat(5_001)).truncated).toBe(true);
    expect(textHead('x'.repeat(500_001)).truncated).toBe(true);
  });
});

describe('countLines and splitBlocks', () => {
  it('counts lines, a final newline not starting one', () => {
    expect([countLines(''), countLines('a'), countLines('a\n'), countLines('a\nb')]).toEqual([0, 1, 1, 2]);
  });

  it('splits into blocks of whole lines that join back to the text', () => {
    const text = 'l1\nl2\nl3\nl4\nl5';
    const blocks = splitBlocks(text, 2);
    expect(blocks).toEqual(['l1\nl2\n', 'l3\nl4\n', 'l5']);
    expect(blocks.join('')).toBe(text);
    expect(splitBlocks('a\nb\n', 2)).toEqual(['a\nb\n']);
    expect(splitBlocks('', 2)).toEqual([]);
  });

  it('changes only the last block when text grows', () => {
    const before = splitBlocks('1\n2\n3\n4\n5', 2);
    const after = splitBlocks('1\n2\n3\n4\n5 more', 2);
    expect(after.slice(0, -1)).toEqual(before.slice(0, -1));
  });
});
