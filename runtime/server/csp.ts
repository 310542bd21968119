/**
 * The Content-Security-Policy of the studio page, one definition for both shells. Scripts, workers
 * and fonts only from our own origin (Monaco and its workers are bundled locally, never a CDN); inline
 * styles are allowed because Monaco and React Flow set them; no plugins, no frames, no forms, no
 * <base> rewriting. `connect` lists where the page may connect besides itself (the WebSocket).
 */
export function studioCsp(connect: string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${connect.join(' ')}`.trim(),
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every studio response carries (security-relevant, each with its reason). */
export const SECURITY_HEADERS: Record<string, string> = {
  // Why: a response is never sniffed into a script or a page.
  'X-Content-Type-Options': 'nosniff',
  // Why: the URL carries the token; no request may send it on in a Referer header.
  'Referrer-Policy': 'no-referrer',
  // Why: no other site may frame the studio (clickjacking), in old browsers too.
  'X-Frame-Options': 'DENY',
  // Why: other origins get no handle to our window and cannot embed our resources.
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
