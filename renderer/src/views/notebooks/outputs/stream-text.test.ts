import { describe, expect, it } from 'vitest';
import { appendStreamText, displayText, resolveControlChars } from './stream-text';

describe('resolveControlChars', () => {
  it('leaves plain text alone', () => {
    expect(resolveControlChars('a\nb\n')).toBe('a\nb\n');
  });

  it('applies \\r per line, overwriting character by character, and keeps the last line\'s last \\r pending', () => {
    expect(resolveControlChars('12345\rab\ncd\r\nxyz\rX')).toBe('ab345\ncd\nxyz\rX');
    expect(resolveControlChars('a\rbc\rd')).toBe('bc\rd');
    expect(displayText('12345\rab\ncd\r\nxyz\rX')).toBe('ab345\ncd\nXyz');
    expect(displayText('loading\r')).toBe('loading');
  });

  it('applies \\b before \\r, as JupyterLab does', () => {
    expect(resolveControlChars('abc\b\bd')).toBe('ad');
    expect(resolveControlChars('\b\bab')).toBe('ab');
  });

  it('keeps emoji whole when deleting with \\b', () => {
    expect(resolveControlChars('ok 👍\b!')).toBe('ok !');
  });
});

describe('appendStreamText', () => {
  it('gives the same text as resolving the whole stream at once, however it is chunked', () => {
    let bar = '';
    for (let step = 0; step <= 100; step += 7) bar += `\r${String(step).padStart(3)}%|${'#'.repeat(step / 10)}`;
    const whole = `start\n${bar}\nwarn\b\b\b\bWARN: x\r\ndone\n`;
    for (const size of [1, 2, 3, 5, 16, 64, whole.length]) {
      let text = '';
      for (let at = 0; at < whole.length; at += size) text = appendStreamText(text, whole.slice(at, at + size));
      expect(text, `chunks of ${size}`).toBe(resolveControlChars(whole));
    }
    expect(resolveControlChars(whole)).toBe('start\n 98%|#########\nWARN: x\ndone\n');
  });

  it('shows the same text mid-redraw however the redraw was chunked', () => {
    const whole = 'epoch 1/3 loss 0.9000\repoch 2/3 loss 0.41\repoch 3';
    for (const size of [1, 4, 9, whole.length]) {
      let text = '';
      for (let at = 0; at < whole.length; at += size) text = appendStreamText(text, whole.slice(at, at + size));
      expect(displayText(text), `chunks of ${size}`).toBe('epoch 3/3 loss 0.4100');
    }
  });
});
