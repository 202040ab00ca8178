import { describe, expect, it } from 'vitest';
import { markdownToHtml } from './markdown';
import { protectMath } from './markdown-math';

describe('markdownToHtml', () => {
  it('renders GitHub-flavoured markdown: headings, tables with alignment, strikethrough', () => {
    const html = markdownToHtml('# Title\n\n| a | b |\n|--:|:-:|\n| 1 | 2 |\n\n~~old~~');
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<td align="right">1</td>');
    expect(html).toContain('<del>old</del>');
  });

  it('keeps LaTeX away from emphasis and shows it as escaped TeX', () => {
    const html = markdownToHtml('Let $x_i$ and $y_i$ be, with $a<b$.');
    expect(html).toContain('<span class="nb-math">$x_i$</span> and <span class="nb-math">$y_i$</span>');
    expect(html).toContain('<span class="nb-math">$a&lt;b$</span>');
    expect(html).not.toContain('<em>');
  });

  it('shows display math as a block', () => {
    expect(markdownToHtml('$$\n\\sum_i a_i\n$$')).toContain('<span class="nb-math nb-math-display">$$\n\\sum_i a_i\n$$</span>');
    expect(markdownToHtml('\\begin{align}a_1 &= b_1\\end{align}')).toContain('nb-math-display');
  });

  it('does not take prices, escaped dollars or code for math', () => {
    expect(markdownToHtml('It costs $5 and $10.')).not.toContain('nb-math');
    expect(markdownToHtml('\\$x_1\\$ literal')).not.toContain('nb-math');
    const code = markdownToHtml('`$a_b$` and\n\n```python\nprint("$c_d$")\n```');
    expect(code).not.toContain('nb-math');
    expect(code).toContain('<code>$a_b$</code>');
  });

  it('turns task-list checkboxes into characters, since inputs are not allowed', () => {
    const html = markdownToHtml('- [x] done\n- [ ] todo');
    expect(html).toContain('☑</span> done');
    expect(html).toContain('☐</span> todo');
    expect(html).not.toContain('<input');
  });

  it('passes raw HTML through for the sanitiser to judge', () => {
    expect(markdownToHtml('<b onclick="x()">bold</b>')).toContain('onclick');
  });
});

describe('protectMath', () => {
  it('replaces each formula with a placeholder markdown leaves alone', () => {
    const { text, math } = protectMath('a $x^2$ b \\(y\\) c');
    expect(math.map((m) => m.tex)).toEqual(['$x^2$', '\\(y\\)']);
    expect(text).not.toContain('$');
  });

  it('leaves an unterminated fenced block to the end of the text alone', () => {
    expect(protectMath('```\n$a_b$\n').math).toEqual([]);
  });
});
