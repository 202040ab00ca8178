/**
 * Jupyter counts cursor positions in Unicode code points; JavaScript strings
 * in UTF-16 units. They differ past any character outside the BMP (emoji).
 */

export function toCodePoints(text: string, offset: number): number {
  let points = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate and its low one make one code point.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) i++;
    points++;
  }
  return points;
}

export function fromCodePoints(text: string, points: number): number {
  let offset = 0;
  for (let p = 0; p < points && offset < text.length; p++) {
    const unit = text.charCodeAt(offset);
    offset += unit >= 0xd800 && unit <= 0xdbff && offset + 1 < text.length ? 2 : 1;
  }
  return offset;
}
