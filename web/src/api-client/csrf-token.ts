// The session's CSRF token, which the API sets in a readable cookie (with the
// __Host- prefix over https) and expects back in X-CSRF-Token on every change.

const NAMES = ['__Host-kith_csrf', 'kith_csrf'];

export function csrfToken(cookies: string = document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (NAMES.includes(name)) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
