import type { NotebookMonaco } from './monaco-loader';

/** One token of highlighted code: its text and Monaco's token class (`mtk5`, with `mtki` for italics…). */
export interface Token {
  text: string;
  className: string;
}

export type ColoredLines = Token[][];

const TOKEN_CLASS = /^(mtk\d+|mtki|mtkb|mtku|mtks)( (mtk\d+|mtki|mtkb|mtku|mtks))*$/;
const LIMIT = 3000;
const cache = new Map<string, ColoredLines>();

/**
 * Reads the HTML that `monaco.editor.colorize` makes into tokens, keeping only
 * text and Monaco's own token classes, so that nothing of it reaches the page
 * as HTML. A line whose text does not match the source (a tab Monaco expanded)
 * is kept as plain text.
 */
export function parseColorized(html: string, source: string): ColoredLines {
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  const sourceLines = source.split(/\r\n|\r|\n/);
  const lines: ColoredLines = [];
  for (const line of Array.from(body.children).filter((child) => child.tagName === 'SPAN')) {
    const expected = sourceLines[lines.length] ?? '';
    const tokens: Token[] = Array.from(line.children).map((span) => ({
      text: (span.textContent ?? '').replace(/\u00a0/g, ' '),
      className: TOKEN_CLASS.test(span.className) ? span.className : '',
    }));
    lines.push(tokens.map((t) => t.text).join('') === expected ? tokens : [{ text: expected, className: '' }]);
  }
  while (lines.length < sourceLines.length) lines.push([{ text: sourceLines[lines.length] ?? '', className: '' }]);
  return lines.slice(0, sourceLines.length);
}

/** Python highlighted with the current Monaco theme; cached by theme and text. */
export async function colorizePython(api: NotebookMonaco, source: string, theme: string): Promise<ColoredLines> {
  const key = `${theme}\u0000${source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  // Token classes are the theme's: colorize with the theme the cells are shown in.
  api.applyTheme(theme);
  const html = await api.monaco.editor.colorize(source, 'python', { tabSize: 4 });
  const lines = parseColorized(html, source);
  if (cache.size >= LIMIT) cache.delete(cache.keys().next().value ?? '');
  cache.set(key, lines);
  return lines;
}

/** The cached tokens, for a first render without waiting. */
export function cachedColors(source: string, theme: string): ColoredLines | null {
  return cache.get(`${theme}\u0000${source}`) ?? null;
}
