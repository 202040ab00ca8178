/**
 * CSS from untrusted output (style elements and style attributes) that loads
 * nothing: `@import` rules are removed and every `url(...)` becomes `none`.
 * CSS that could hide a load or reach outside its output is refused whole
 * (null): backslash escapes (`\75 rl(` spells `url(`), other functions that
 * take URLs or bare strings as images, and `:host`, which would let an
 * output's style element restyle the element that holds it.
 */
export function cleanCss(css: string): string | null {
  if (css.includes('\\')) return null;
  if (/:host\b|::part\b|::slotted\b/i.test(css)) return null;
  if (/(?:image-set|cross-fade|element|image|src)\s*\(/i.test(css)) return null;
  const withoutImports = css.replace(/@import\b[^;]*(?:;|$)/gi, '');
  const withoutUrls = withoutImports.replace(/url\s*\((?:\s*"[^"]*"|\s*'[^']*'|[^)]*)\s*\)/gi, 'none');
  // Anything the patterns above could not read (an unclosed url( for one) is refused.
  return /url\s*\(|@import/i.test(withoutUrls) ? null : withoutUrls;
}
