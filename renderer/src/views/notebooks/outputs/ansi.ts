import { AnsiUp } from 'ansi_up';

/**
 * Terminal text as HTML: ansi_up escapes the text (quotes included) and turns
 * SGR colours into `ansi-*` classes (themed in outputs.css) or rgb() styles
 * for 256 and true colours. OSC 8 hyperlinks (rich, pip) keep their text and
 * show their address as a tooltip, but link nowhere: outputs navigate nowhere.
 * A fresh converter each time, since ansi_up carries colour state between calls.
 */
export function ansiToHtml(text: string): string {
  const converter = new AnsiUp();
  converter.use_classes = true;
  converter.url_allowlist = { http: 1, https: 1 };
  // Escaped text cannot contain "<a", so these tags are ansi_up's own.
  return converter.ansi_to_html(text).replace(/<a href="([^"]*)">/g, '<span class="nb-ansi-link" title="$1">').replace(/<\/a>/g, '</span>');
}
