// The Content-Security-Policy of the web app's pages. Scripts, styles and
// fonts come from this origin only (Vite builds them into files, with no
// inline script); the app connects to the API and to SpacetimeDB, and shows
// images and clips from wherever media is stored.

export interface WebAppSources {
  /** SPACETIME_PUBLIC_URL as ws:// or wss://. */
  readonly spacetimePublicUrl: string;
  /** Where stored media is loaded from (the API's /media, or S3_PUBLIC_BASE_URL). */
  readonly mediaPublicBaseUrl: string;
}

export function webAppContentSecurityPolicy(sources: WebAppSources): string {
  const spacetime = new URL(sources.spacetimePublicUrl);
  // The SDK trades the token for a short one over http(s) before it opens
  // the ws(s) socket, so both forms of the origin are needed.
  const spacetimeHttp = new URL(sources.spacetimePublicUrl);
  spacetimeHttp.protocol = spacetime.protocol === 'wss:' ? 'https:' : 'http:';
  const media = new URL(sources.mediaPublicBaseUrl).origin;
  return [
    "default-src 'self'",
    // The spacetimedb SDK compiles its row serializers with Function()
    // (src/lib/algebraic_type.ts) and has no fallback, so the page cannot
    // connect without 'unsafe-eval'. Scripts still load only from this origin
    // and inline scripts stay refused, which is what stops injected markup.
    "script-src 'self' 'unsafe-eval'",
    "style-src 'self'",
    // Solid sets dynamic style props through the CSSOM (el.style.setProperty),
    // which CSP does not govern, but the compiler puts constant ones into its
    // HTML templates as style attributes, which it does. Attributes only:
    // <style> elements stay refused.
    "style-src-attr 'unsafe-inline'",
    `img-src 'self' data: blob: ${media}`,
    `media-src 'self' data: blob: ${media}`,
    `connect-src 'self' ${spacetime.origin} ${spacetimeHttp.origin}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
