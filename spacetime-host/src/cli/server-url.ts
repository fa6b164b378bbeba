import { UsageError } from './cli-error.js';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:3000';

/** The nicknames the real CLI ships with that make sense locally. */
const NICKNAMES: Readonly<Record<string, string>> = { local: DEFAULT_SERVER_URL };

/**
 * `-s/--server` as the real CLI takes it: a URL, a nickname (`local`) or a
 * `host:port`; without one, `$SPACETIME_LOCAL_SERVER`, the config's default,
 * then the local default.
 */
export function resolveServerUrl(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  configDefault: string | undefined,
): string {
  const raw = flag ?? env.SPACETIME_LOCAL_SERVER ?? configDefault ?? DEFAULT_SERVER_URL;
  const named = NICKNAMES[raw] ?? raw;
  const withProtocol = named.includes('://') ? named : `http://${named}`;
  let url: URL;
  try {
    url = new URL(withProtocol);
  } catch {
    throw new UsageError(`invalid server '${raw}': expected a URL such as ${DEFAULT_SERVER_URL}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`Invalid protocol: ${url.protocol.replace(/:$/, '')}`);
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}
