import { useMemo } from 'react';
import { base64Of } from './mime';
import { sanitizeSvgToDataUri } from './sanitize';

/** Sizes and hints nbformat keeps in `metadata[mime]`: width and height (retina images are drawn at half size), unconfined, needs_background. */
export interface ImageHints {
  width?: number;
  height?: number;
  unconfined?: boolean;
  needsBackground?: 'light' | 'dark';
}

export function imageHints(metadata: Record<string, unknown>): ImageHints {
  const hints: ImageHints = {};
  if (typeof metadata.width === 'number' && metadata.width > 0) hints.width = metadata.width;
  if (typeof metadata.height === 'number' && metadata.height > 0) hints.height = metadata.height;
  if (metadata.unconfined === true) hints.unconfined = true;
  if (metadata.needs_background === 'light' || metadata.needs_background === 'dark') hints.needsBackground = metadata.needs_background;
  return hints;
}

function Picture({ src, hints, mime }: { src: string; hints: ImageHints; mime: string }) {
  const classes = ['nb-image'];
  if (hints.unconfined) classes.push('nb-image-unconfined');
  if (hints.needsBackground) classes.push(`nb-image-${hints.needsBackground}-background`);
  return <img className={classes.join(' ')} src={src} width={hints.width} height={hints.height} alt="" data-mime={mime} draggable={false} />;
}

/** A PNG, JPEG or GIF output: base64 in a data: URI, nothing else. */
export function ImageOutput({ mime, data, hints }: { mime: string; data: unknown; hints: ImageHints }) {
  const base64 = base64Of(data);
  if (base64 === null) return <div className="nb-output-note">This {mime} output is not valid base64.</div>;
  return <Picture src={`data:${mime};base64,${base64}`} hints={hints} mime={mime} />;
}

/** An SVG output: sanitised, then shown as an image, where no script in it could run. */
export function SvgOutput({ svg, hints }: { svg: string; hints: ImageHints }) {
  const src = useMemo(() => sanitizeSvgToDataUri(svg), [svg]);
  if (src === null) return <div className="nb-output-note">This SVG output has no &lt;svg&gt; element.</div>;
  return <Picture src={src} hints={hints} mime="image/svg+xml" />;
}
