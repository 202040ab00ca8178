/** Past either limit, text shows its first part and a "Show all" button: rendering megabytes of log freezes the page. */
export const textLimits = { lines: 5_000, chars: 500_000 };

export interface TextHead {
  /** What to render. */
  shown: string;
  /** Whether `shown` is only the first part of the text. */
  truncated: boolean;
  /** Lines of the whole text (a final newline does not start a line). */
  totalLines: number;
}

/** The first `limits.lines` lines of `text`, at most `limits.chars` characters (cut at a line end when there is one). */
export function textHead(text: string, limits = textLimits): TextHead {
  const totalLines = countLines(text);
  if (totalLines <= limits.lines && text.length <= limits.chars) return { shown: text, truncated: false, totalLines };
  let end = Math.min(text.length, limits.chars);
  const lineEnd = nthNewline(text, limits.lines);
  if (lineEnd !== -1 && lineEnd < end) end = lineEnd;
  else if (end < text.length) {
    const lastNewline = text.lastIndexOf('\n', end - 1);
    if (lastNewline > 0) end = lastNewline;
  }
  return { shown: text.slice(0, end), truncated: true, totalLines };
}

export function countLines(text: string): number {
  if (text === '') return 0;
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines += 1;
  return text.endsWith('\n') ? lines - 1 : lines;
}

/** Index of the n-th newline (1-based), or -1. */
function nthNewline(text: string, n: number): number {
  let at = -1;
  for (let seen = 0; seen < n; seen += 1) {
    at = text.indexOf('\n', at + 1);
    if (at === -1) return -1;
  }
  return at;
}

/**
 * Splits text into blocks of `linesPerBlock` lines, each keeping its newline.
 * Rendered as memoised pieces, a growing stream re-renders only its last block.
 */
export function splitBlocks(text: string, linesPerBlock: number): string[] {
  const blocks: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = start - 1;
    for (let seen = 0; seen < linesPerBlock; seen += 1) {
      const next = text.indexOf('\n', end + 1);
      if (next === -1) {
        end = text.length - 1;
        break;
      }
      end = next;
    }
    blocks.push(text.slice(start, end + 1));
    start = end + 1;
  }
  return blocks;
}
