import { joinText } from './nbformat';

/**
 * What a URL in untrusted output may be. Outputs load nothing and navigate
 * nowhere: only images embedded as data: URIs, and links to a #fragment of
 * the same output. A relative URL is refused too: in server mode it would be
 * an authenticated request to the workbench's own API.
 */
const imageDataUri = /^data:image\/(?:png|jpe?g|gif|webp|bmp|svg\+xml)[;,]/i;
const mediaDataUri = /^data:(?:audio|video)\/[a-z0-9.+-]+[;,]/i;

export function isImageDataUri(url: string): boolean {
  return imageDataUri.test(url.trim());
}

export function isMediaDataUri(url: string): boolean {
  return mediaDataUri.test(url.trim());
}

export function isFragment(url: string): boolean {
  return /^#[^\s"'<>]*$/.test(url.trim());
}

/** A cell's attachments: file name to MIME bundle (base64 values, as nbformat stores them). */
export type Attachments = Record<string, Record<string, unknown>>;

/**
 * `attachment:name` (a markdown cell's pasted image) as a data: URI, or null
 * when it names no image attachment.
 */
export function resolveAttachment(url: string, attachments: Attachments | undefined): string | null {
  const match = /^attachment:(.+)$/i.exec(url.trim());
  if (!match?.[1] || !attachments) return null;
  let name = match[1];
  try {
    name = decodeURIComponent(name);
  } catch {
    // A stray % in the name: look it up as written.
  }
  const bundle = Object.hasOwn(attachments, name) ? attachments[name] : undefined;
  if (!bundle) return null;
  for (const [mime, value] of Object.entries(bundle)) {
    if (!/^image\/(?:png|jpeg|gif|webp|bmp|svg\+xml)$/.test(mime)) continue;
    const text = joinText(value);
    if (text === null) continue;
    // SVG attachments are sometimes kept as text rather than base64.
    const base64 = mime === 'image/svg+xml' && text.trimStart().startsWith('<') ? utf8ToBase64(text) : text.replace(/\s+/g, '');
    return `data:${mime};base64,${base64}`;
  }
  return null;
}

/** Base64 of a string's UTF-8 bytes (btoa alone takes only Latin-1). */
export function utf8ToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  const chunk = 0x8000;
  for (let start = 0; start < bytes.length; start += chunk) binary += String.fromCharCode(...bytes.subarray(start, start + chunk));
  return btoa(binary);
}
