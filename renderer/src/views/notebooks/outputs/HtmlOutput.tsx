import { useLayoutEffect, useRef } from 'react';
import { keepLinksInert } from './inert-links';
import renderedCss from './rendered.css?inline';
import { sanitizeHtmlFragment } from './sanitize';
import type { Attachments } from './url-policy';

let sharedSheet: CSSStyleSheet | null = null;

/** One constructed stylesheet shared by every shadow root. */
function renderedSheet(): CSSStyleSheet {
  if (!sharedSheet) {
    sharedSheet = new CSSStyleSheet();
    sharedSheet.replaceSync(renderedCss);
  }
  return sharedSheet;
}

/**
 * Untrusted HTML, sanitised, in a shadow root: the output's own <style>
 * elements (pandas Styler's colours) style only this output, and the app's
 * styles leave it alone. The frame around it contains and clips anything
 * positioned fixed (outputs.css).
 */
export function HtmlOutput({ html, attachments, kind = 'html' }: { html: string; attachments?: Attachments | undefined; kind?: 'html' | 'markdown' }) {
  const hostRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [renderedSheet()];
    root.replaceChildren(sanitizeHtmlFragment(html, { attachments }));
  }, [html, attachments]);
  return (
    <div className="nb-html-frame" onClickCapture={keepLinksInert} onAuxClickCapture={keepLinksInert}>
      <div ref={hostRef} className={`nb-${kind}`} data-testid={`nb-${kind}`} />
    </div>
  );
}
