import { describe, expect, it } from 'vitest';
import { cleanCss } from './css-clean';
import { isFragment, isImageDataUri, isMediaDataUri, resolveAttachment, utf8ToBase64 } from './url-policy';

describe('cleanCss', () => {
  it('keeps ordinary CSS as it is', () => {
    const css = '#T_abc_row0_col0 { background-color: #08306b; color: #f1f1f1; } .dataframe tbody tr th:only-of-type { vertical-align: middle; }';
    expect(cleanCss(css)).toBe(css);
  });

  it('removes @import and turns url() into none', () => {
    expect(cleanCss('@import url("https://evil/x.css"); p { color: red }')).toBe(' p { color: red }');
    expect(cleanCss('@import "https://evil/x.css";')).toBe('');
    expect(cleanCss('td { background: url(https://evil/x.png) }')).toBe('td { background: none }');
    expect(cleanCss("td { background-image: url( '/api/jobs.list' ) }")).toBe('td { background-image: none }');
    expect(cleanCss('@font-face { font-family: x; src: url("http://evil/f.woff") }')).toBe('@font-face { font-family: x; src: none }');
  });

  it('refuses CSS whose loads it cannot rule out, and :host', () => {
    expect(cleanCss('td { background: \\75 rl(http://evil) }')).toBeNull();
    expect(cleanCss('@\\69mport "x";')).toBeNull();
    expect(cleanCss('td { background-image: image-set("http://evil/x.png" 1x) }')).toBeNull();
    expect(cleanCss('td { background: url(http://evil/x.png')).toBeNull();
    expect(cleanCss(':host { position: fixed !important; inset: 0 }')).toBeNull();
  });
});

describe('url policy', () => {
  it('allows images only as data: URIs', () => {
    expect(isImageDataUri('data:image/png;base64,iVBOR')).toBe(true);
    expect(isImageDataUri(' data:image/svg+xml;base64,PHN2Zz4=')).toBe(true);
    expect(isImageDataUri('data:text/html;base64,PHNjcmlwdD4=')).toBe(false);
    expect(isImageDataUri('https://example.com/a.png')).toBe(false);
    expect(isImageDataUri('/api/x')).toBe(false);
    expect(isMediaDataUri('data:audio/wav;base64,UklG')).toBe(true);
    expect(isMediaDataUri('https://example.com/a.wav')).toBe(false);
  });

  it('allows links only to fragments', () => {
    expect(isFragment('#section-2')).toBe(true);
    expect(isFragment('https://evil.example/#x')).toBe(false);
    expect(isFragment('javascript:alert(1)')).toBe(false);
    expect(isFragment('#a" onclick="x')).toBe(false);
  });

  it('resolves attachment: references to data URIs from the cell attachments', () => {
    const attachments = { 'my image.png': { 'image/png': 'iVBORw0KGgo=\n' }, 'notes.txt': { 'text/plain': 'hi' }, 'd.svg': { 'image/svg+xml': '<svg>é</svg>' } };
    expect(resolveAttachment('attachment:my%20image.png', attachments)).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(resolveAttachment('attachment:my image.png', attachments)).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(resolveAttachment('attachment:notes.txt', attachments)).toBeNull();
    expect(resolveAttachment('attachment:missing.png', attachments)).toBeNull();
    expect(resolveAttachment('attachment:constructor', attachments)).toBeNull();
    expect(resolveAttachment('attachment:my%20image.png', undefined)).toBeNull();
    expect(resolveAttachment('attachment:d.svg', attachments)).toBe('data:image/svg+xml;base64,PHN2Zz7DqTwvc3ZnPg==');
  });

  it('encodes UTF-8 text as base64', () => {
    const text = 'π ≈ 3.14 — 漢字 '.repeat(5000);
    const bytes = Uint8Array.from(atob(utf8ToBase64(text)), (char) => char.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toBe(text);
    expect(utf8ToBase64('é')).toBe('w6k=');
  });
});
