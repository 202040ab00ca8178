import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';
import { cleanCss } from './css-clean';
import { isFragment, isImageDataUri, isMediaDataUri, resolveAttachment, utf8ToBase64, type Attachments } from './url-policy';

/**
 * The one place untrusted HTML and SVG (cell outputs, markdown) become DOM.
 * DOMPurify removes scripts, event handlers and javascript: URLs; the
 * configuration and hooks below add the workbench's rules: no frames, forms,
 * inputs, <base>, <meta> or <link>; CSS that loads nothing (css-clean.ts); no
 * URL that loads or navigates (url-policy.ts): images only as data: URIs,
 * links only to #fragments (a link to anywhere else keeps its text and shows
 * the address as a tooltip). Output HTML is mounted in a shadow root
 * (HtmlOutput.tsx), so its <style> elements style only that output.
 */
const forbiddenTags = [
  'script', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal', 'fencedframe',
  'form', 'input', 'button', 'textarea', 'select', 'option', 'optgroup', 'datalist', 'keygen', 'output',
  'base', 'meta', 'link', 'template', 'dialog',
  // SVG animation can rewrite an attribute (an href) after sanitising.
  'animate', 'set', 'animatemotion', 'animatetransform', 'animatecolor', 'discard',
];

const forbiddenAttributes = ['target', 'ping', 'download', 'srcset', 'imagesrcset', 'formaction', 'action', 'autofocus', 'popover', 'popovertarget', 'contenteditable'];

/** Attributes whose value is a URL; each is kept only where url-policy allows it. */
const urlAttributes = new Set([
  'href', 'xlink:href', 'src', 'background', 'poster', 'cite', 'longdesc', 'lowsrc', 'dynsrc', 'data', 'codebase', 'manifest', 'profile', 'icon', 'classid', 'archive',
]);

const baseConfig: Config = {
  // <use> draws matplotlib's markers and glyphs; its href is held to #fragments below like every other.
  ADD_TAGS: ['use'],
  FORBID_TAGS: forbiddenTags,
  FORBID_ATTR: forbiddenAttributes,
  // Style elements first in the HTML would otherwise be dropped into <head> and lost.
  FORCE_BODY: true,
  ALLOW_UNKNOWN_PROTOCOLS: false,
};

interface Context {
  attachments: Attachments | undefined;
}

// Hooks run synchronously inside sanitize(); this is the call in progress.
let current: Context = { attachments: undefined };
const blockedLinks = new WeakMap<Element, string>();
const purifiers = new WeakMap<Window, Purifier>();
type PageWindow = Window & typeof globalThis;

/** A DOMPurify of its own (not the shared default instance), so these hooks touch no one else's sanitising. */
function getPurifier(win: PageWindow): Purifier {
  const existing = purifiers.get(win);
  if (existing) return existing;
  const instance = DOMPurify(win);
  instance.addHook('uponSanitizeElement', (node, event) => {
    if (event.tagName === 'style' && node.textContent) node.textContent = cleanCss(node.textContent) ?? '';
  });
  instance.addHook('uponSanitizeAttribute', (node, event) => {
    const name = event.attrName;
    if (name === 'style') {
      const cleaned = cleanCss(event.attrValue);
      if (cleaned === null) event.keepAttr = false;
      else event.attrValue = cleaned;
      return;
    }
    if (!urlAttributes.has(name)) return;
    const allowed = allowedUrl(node, name, event.attrValue);
    if (allowed === null) {
      event.keepAttr = false;
      // A web link the reader may want to copy: its address as the tooltip (never a script URL).
      const address = event.attrValue.trim();
      if ((node.localName === 'a' || node.localName === 'area') && /^(?:https?|mailto):/i.test(address)) blockedLinks.set(node, address);
    } else {
      event.attrValue = allowed;
    }
  });
  instance.addHook('afterSanitizeAttributes', (node) => {
    const blocked = blockedLinks.get(node);
    if (blocked === undefined) return;
    blockedLinks.delete(node);
    if (!node.hasAttribute('title')) node.setAttribute('title', blocked.slice(0, 500));
    node.classList.add('nb-blocked-link');
  });
  purifiers.set(win, instance);
  return instance;
}

/** The value a URL attribute may keep (possibly rewritten: attachments), or null to drop it. */
function allowedUrl(node: Element, name: string, value: string): string | null {
  const tag = node.localName.toLowerCase();
  if (name === 'href' || name === 'xlink:href') {
    if (isFragment(value)) return value.trim();
    // SVG <image> and <feImage> take their picture from href.
    if ((tag === 'image' || tag === 'feimage') && isImageDataUri(value)) return value.trim();
    return null;
  }
  if (name === 'src') {
    if (tag === 'img') return isImageDataUri(value) ? value.trim() : resolveAttachment(value, current.attachments);
    if (tag === 'audio' || tag === 'video' || tag === 'source' || tag === 'track') return isMediaDataUri(value) ? value.trim() : null;
    return null;
  }
  if (name === 'poster' && tag === 'video') return isImageDataUri(value) ? value.trim() : null;
  return null;
}

function run<T>(attachments: Attachments | undefined, action: () => T): T {
  current = { attachments };
  try {
    return action();
  } finally {
    current = { attachments: undefined };
  }
}

export interface SanitizeOptions {
  /** A markdown cell's attachments, for `attachment:name` image sources. */
  attachments?: Attachments;
  /** Where to parse (defaults to the page's window). */
  window?: PageWindow;
}

/** Untrusted HTML as safe HTML text. */
export function sanitizeHtml(html: string, options: SanitizeOptions = {}): string {
  const instance = getPurifier(options.window ?? window);
  return run(options.attachments, () => instance.sanitize(html, baseConfig));
}

/** Untrusted HTML as a safe DocumentFragment, ready to insert (no second parse). */
export function sanitizeHtmlFragment(html: string, options: SanitizeOptions = {}): DocumentFragment {
  const instance = getPurifier(options.window ?? window);
  return run(options.attachments, () => instance.sanitize(html, { ...baseConfig, RETURN_DOM_FRAGMENT: true }));
}

/**
 * Untrusted SVG as a data: URI for an <img> (where no script could run
 * anyway), sanitised all the same. Serialised as XML, since an SVG image must
 * be well-formed XML. Null when there is no <svg> element in it.
 */
export function sanitizeSvgToDataUri(svg: string, options: SanitizeOptions = {}): string | null {
  const win = options.window ?? window;
  const instance = getPurifier(win);
  // The XML prolog and doctype mean nothing to the HTML parser DOMPurify uses.
  const body = svg.replace(/^\s*(?:<\?xml[\s\S]*?\?>\s*)?(?:<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>\s*)?/i, '');
  const fragment = run(undefined, () =>
    instance.sanitize(body, { ...baseConfig, USE_PROFILES: { svg: true, svgFilters: true }, ADD_TAGS: ['style', 'use'], RETURN_DOM_FRAGMENT: true }),
  );
  const root = fragment.querySelector('svg');
  if (!root) return null;
  const xml = new win.XMLSerializer().serializeToString(root);
  return `data:image/svg+xml;base64,${utf8ToBase64(xml)}`;
}
