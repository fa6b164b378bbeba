// The cookies a browser session lives in. The session token is httpOnly, so
// page scripts never see it; the CSRF token is readable, so the web app can
// echo it in the X-CSRF-Token header (double submit). Over https both take
// the __Host- prefix: Secure, Path=/, no Domain, so no other host can set them.
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import type { Config } from '../../config.js';

export interface SessionCookieNames {
  readonly session: string;
  readonly csrf: string;
}

export function sessionCookieNames(config: Pick<Config, 'secureCookies'>): SessionCookieNames {
  const prefix = config.secureCookies ? '__Host-' : '';
  return { session: `${prefix}kith_session`, csrf: `${prefix}kith_csrf` };
}

export function setSessionCookies(
  c: Context,
  config: Pick<Config, 'secureCookies'>,
  cookie: { token: string; csrfToken: string; expiresAt: Date },
): void {
  const names = sessionCookieNames(config);
  const common = {
    path: '/',
    secure: config.secureCookies,
    sameSite: 'Lax',
    expires: cookie.expiresAt,
  } as const;
  setCookie(c, names.session, cookie.token, { ...common, httpOnly: true });
  setCookie(c, names.csrf, cookie.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(c: Context, config: Pick<Config, 'secureCookies'>): void {
  const names = sessionCookieNames(config);
  const options = { path: '/', secure: config.secureCookies } as const;
  deleteCookie(c, names.session, options);
  deleteCookie(c, names.csrf, options);
}
