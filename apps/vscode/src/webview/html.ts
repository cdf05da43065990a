/**
 * The HTML shell of every webview: a strict Content-Security-Policy (no inline script or style
 * without the page's nonce, images only from the webview's own resources or data: URIs handed
 * over by the extension host), the bundled script and stylesheet, and a body built by views/*.
 */

export interface PageOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh nonce per page (see `nonce()`). */
  nonce: string;
  /** `asWebviewUri` of dist/webview.js and media/webview.css. */
  scriptUri: string;
  styleUri: string;
  title: string;
  /** Already escaped (views/escape.ts). */
  body: string;
}

/** 32 random characters for the CSP nonce. */
export function nonce(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64').replace(/[+/=]/g, '').slice(0, 32).padEnd(32, 'x');
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export function contentSecurityPolicy(cspSource: string, nonceValue: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `media-src ${cspSource} data:`,
    `script-src 'nonce-${nonceValue}'`,
    `style-src ${cspSource} 'nonce-${nonceValue}'`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function pageHtml(o: PageOptions): string {
  if (!/^[A-Za-z0-9]{16,}$/.test(o.nonce))
    throw new Error('The CSP nonce must be 16+ letters and digits.');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(o.styleUri)}" nonce="${o.nonce}">
<title>${escapeHtml(o.title)}</title>
</head>
<body>
<div id="status" role="status" aria-live="polite"></div>
<main id="root">${o.body}</main>
<script nonce="${o.nonce}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>`;
}
