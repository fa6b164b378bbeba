// Serves the built web app (web/dist) from the API's origin: hashed assets
// cached for good, index.html revalidated on every load, and index.html for
// any page the app routes itself (/signup, /u/ana, /p/123), so a reload or a
// shared link opens the app there. The API's own paths are never touched.
import path from 'node:path';
import type { Context, MiddlewareHandler } from 'hono';
import { isApiPath } from './api-paths.js';
import { NOT_BUILT_CSP, NOT_BUILT_PAGE } from './not-built-page.js';
import { fileAt, findWebAppFile, sendWebAppFile, type WebAppFile } from './web-app-file.js';

/** Vite names files in assets/ by their content hash: a changed file gets a new name. */
const ASSETS_PREFIX = '/assets/';
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface WebAppOptions {
  /** Absolute path of the build; looked at on every request, so a new build needs no restart. */
  readonly distDir: string;
  readonly contentSecurityPolicy: string;
}

export function serveWebApp(options: WebAppOptions): MiddlewareHandler {
  const distDir = path.resolve(options.distDir);
  const indexPath = path.join(distDir, 'index.html');
  const sendIndex = (c: Context, index: WebAppFile) =>
    sendWebAppFile(c, index, {
      'Cache-Control': 'no-cache',
      'Content-Security-Policy': options.contentSecurityPolicy,
    });

  return async (c, next) => {
    const method = c.req.method;
    const urlPath = c.req.path;
    if ((method !== 'GET' && method !== 'HEAD') || isApiPath(urlPath)) return next();

    if (urlPath !== '/' && urlPath !== '/index.html') {
      const file = await findWebAppFile(distDir, urlPath);
      if (file !== undefined) {
        if (file.path.endsWith('.html')) return sendIndex(c, file);
        const cacheControl = urlPath.startsWith(ASSETS_PREFIX) ? IMMUTABLE : 'no-cache';
        return sendWebAppFile(c, file, { 'Cache-Control': cacheControl });
      }
      // A missing script or image is a 404, never the app's HTML in its place.
      if (urlPath.startsWith(ASSETS_PREFIX) || !acceptsHtml(c)) return next();
    }

    const index = await fileAt(indexPath);
    if (index === undefined) {
      return c.html(NOT_BUILT_PAGE, 503, {
        'Cache-Control': 'no-store',
        'Content-Security-Policy': NOT_BUILT_CSP,
      });
    }
    return sendIndex(c, index);
  };
}

/** Browsers navigating to a page ask for text/html; scripts' fetches of unknown paths do not. */
function acceptsHtml(c: Context): boolean {
  return /\btext\/html\b/i.test(c.req.header('accept') ?? '');
}
