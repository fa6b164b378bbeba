// The paths the API answers. The web app is served everywhere else, and never
// in place of these: an unknown path under them is the API's JSON 404, even
// for a browser asking for HTML.

export const API_PATH_PREFIXES = [
  '/v1',
  '/media',
  '/.well-known',
  '/docs',
  '/openapi.json',
  '/healthz',
  '/readyz',
] as const;

/** `/v1` and `/v1/...` are the API's; `/v1x` is not. */
export function isApiPath(path: string): boolean {
  return API_PATH_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}
