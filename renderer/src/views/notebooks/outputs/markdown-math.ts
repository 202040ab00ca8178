/**
 * LaTeX in markdown cells, kept away from the markdown parser: without this,
 * `$x_i$ and $y_i$` would come out as emphasis. Math is swapped for
 * placeholders (private-use characters, which markdown leaves alone), the
 * markdown is rendered, and the placeholders become the TeX source, escaped,
 * in `.nb-math` spans (there is no TeX typesetter in the app). Code spans and
 * fenced code blocks are left as they are.
 */
export interface ProtectedMath {
  text: string;
  math: { tex: string; display: boolean }[];
}

const open = '\uE000';
const close = '\uE001';

// One alternative per construct, tried in this order at each position.
const pattern = new RegExp(
  [
    '(?<=^|\\n)(?:```|~~~)[\\s\\S]*?(?:\\n(?:```|~~~)[^\\n]*|(?![\\s\\S]))', // fenced code block, to its end or the text's
    '(`+)[\\s\\S]*?[^`]\\1(?!`)', // code span
    '\\\\\\$', // an escaped dollar
    '\\$\\$[\\s\\S]+?\\$\\$', // display math
    '\\\\\\[[\\s\\S]+?\\\\\\]',
    '\\\\begin\\{([a-z]+\\*?)\\}[\\s\\S]+?\\\\end\\{\\2\\}',
    '\\\\\\([\\s\\S]+?\\\\\\)', // inline math
    // $...$: no space inside either dollar, no blank line, and not a price ("$5 and $10").
    '\\$(?=\\S)(?:[^$\\n\\\\]|\\\\.|\\n(?!\\s*\\n))+?(?<=\\S)\\$(?!\\d)',
  ].join('|'),
  'g',
);

export function protectMath(source: string): ProtectedMath {
  const math: ProtectedMath['math'] = [];
  const text = source.replace(pattern, (match: string) => {
    if (match.startsWith('`') || match.startsWith('~~~') || match === '\\$') return match;
    const display = match.startsWith('$$') || match.startsWith('\\[') || match.startsWith('\\begin');
    math.push({ tex: match, display });
    return `${open}${math.length - 1}${close}`;
  });
  return { text, math };
}

export function restoreMath(html: string, math: ProtectedMath['math']): string {
  if (math.length === 0) return html;
  return html.replace(new RegExp(`${open}(\\d+)${close}`, 'g'), (placeholder, index: string) => {
    const item = math[Number(index)];
    if (!item) return placeholder;
    return `<span class="nb-math${item.display ? ' nb-math-display' : ''}">${escapeHtml(item.tex)}</span>`;
  });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
