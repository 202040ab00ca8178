/**
 * The UI's Content-Security-Policy in server mode; the Electron shell sends the
 * same one. Only the app's own scripts, styles and connections; no frames, no
 * remote content. `blob:` workers are for Monaco's language services. Styles
 * allow 'unsafe-inline' because Monaco and plotly.js write <style> elements at
 * run time; scripts never run inline.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
