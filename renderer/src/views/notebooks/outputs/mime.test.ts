import { describe, expect, it } from 'vitest';
import { ansiToHtml } from './ansi';
import { base64Of, pickMime } from './mime';

describe('pickMime', () => {
  const output = (data: Record<string, unknown>) => ({ output_type: 'display_data', data, metadata: {} });

  it('picks the richest type it can show', () => {
    expect(pickMime(output({ 'text/plain': 'x', 'text/html': '<b>x</b>', 'image/png': 'iVBOR' }))).toBe('text/html');
    expect(pickMime(output({ 'text/plain': 'x', 'application/vnd.plotly.v1+json': { data: [] }, 'text/html': '<div>' }))).toBe('application/vnd.plotly.v1+json');
    expect(pickMime(output({ 'text/plain': 'x', 'image/png': 'iVBOR', 'image/svg+xml': '<svg/>' }))).toBe('image/svg+xml');
    expect(pickMime(output({ 'text/plain': 'x', 'text/latex': '$x$', 'application/json': { a: 1 } }))).toBe('application/json');
    expect(pickMime(output({ 'text/plain': ['a\n', 'b'] }))).toBe('text/plain');
  });

  it('skips types whose value has the wrong shape, and unknown types', () => {
    expect(pickMime(output({ 'text/html': 42, 'text/plain': 'x' }))).toBe('text/plain');
    expect(pickMime(output({ 'application/vnd.jupyter.widget-view+json': { model_id: 'm' } }))).toBeNull();
    expect(pickMime({ output_type: 'display_data' })).toBeNull();
  });
});

describe('base64Of', () => {
  it('accepts base64 split into lines, and nothing else', () => {
    expect(base64Of(['iVBO\n', 'Rw0K\n'])).toBe('iVBORw0K');
    expect(base64Of('abc" onerror="x')).toBeNull();
    expect(base64Of(12)).toBeNull();
  });
});

describe('ansiToHtml', () => {
  it('escapes HTML and turns colours into classes', () => {
    const html = ansiToHtml('\u001b[31m<script>alert(1)</script>\u001b[0m & more');
    expect(html).toBe('<span class="ansi-red-fg">&lt;script&gt;alert(1)&lt;/script&gt;</span> &amp; more');
  });

  it('turns OSC 8 hyperlinks into text with the address as a tooltip, never a link', () => {
    const html = ansiToHtml('see \u001b]8;;https://example.com/a?b="c"\u001b\\the docs\u001b]8;;\u001b\\ now');
    expect(html).toBe('see <span class="nb-ansi-link" title="https://example.com/a?b=&quot;c&quot;">the docs</span> now');
    expect(ansiToHtml('\u001b]8;;javascript:alert(1)\u001b\\x\u001b]8;;\u001b\\')).not.toContain('javascript');
  });
});
