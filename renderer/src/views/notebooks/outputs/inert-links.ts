import type { MouseEvent } from 'react';

const xlink = 'http://www.w3.org/1999/xlink';

/**
 * Click handler (capture phase) for anything that shows output: no link in an
 * output navigates the app. The sanitiser already drops every href but
 * #fragments; this also covers links it cannot see (plotly's annotations,
 * SVG <a>) and links inside shadow roots. A #fragment link scrolls to its
 * target within the same output.
 */
export function keepLinksInert(event: MouseEvent): void {
  // Nested outputs (markdown in an output) have handlers of their own: the outermost one acts.
  if (event.defaultPrevented) return;
  const anchor = event.nativeEvent.composedPath().find((target): target is Element => target instanceof Element && (target.localName === 'a' || target.localName === 'area'));
  if (!anchor) return;
  event.preventDefault();
  if (event.type !== 'click') return;
  const href = anchor.getAttribute('href') ?? anchor.getAttributeNS(xlink, 'href') ?? '';
  if (!href.startsWith('#') || href.length < 2) return;
  const root = anchor.getRootNode();
  if (!(root instanceof ShadowRoot || root instanceof Document)) return;
  const id = safeDecode(href.slice(1));
  const target = root.getElementById(id) ?? root.querySelector(`[name="${CSS.escape(id)}"]`);
  target?.scrollIntoView({ block: 'start', behavior: 'smooth' });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
