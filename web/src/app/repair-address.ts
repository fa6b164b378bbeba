// An address with a malformed escape (`/tag/100%`, a link a chat app cut
// short) makes the router's links throw while working out which one is
// active (they decodeURI the path), which would show the crash screen on
// every load of it. Escaping each stray `%` keeps the address as typed, so
// the page shows "No such member" or an empty tag instead.

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Whether decodeURI would take `path`: every `%` starts two hex digits, and
 * each run of escapes spells UTF-8. (Not `try { decodeURI(path) }`: the
 * minifier drops an unused call to a built-in it knows has no side effects,
 * and the check with it.)
 */
export function decodes(path: string): boolean {
  if (/%(?![0-9A-Fa-f]{2})/.test(path)) return false;
  for (const run of path.match(/(?:%[0-9A-Fa-f]{2})+/g) ?? []) {
    const bytes = Uint8Array.from(run.slice(1).split('%'), (hex) => Number.parseInt(hex, 16));
    try {
      UTF8.decode(bytes);
    } catch {
      return false;
    }
  }
  return true;
}

/** The path as typed, with its escapes made decodable: stray `%` become `%25`. */
export function repairedPath(path: string): string {
  if (decodes(path)) return path;
  const strays = path.replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
  // Well-formed escapes that are not UTF-8 (`%C3` alone): escape every `%`.
  return decodes(strays) ? strays : path.replace(/%/g, '%25');
}

/** Rewrites the current address in place when its path would not decode. */
export function repairAddress(location: Location, history: History): void {
  const path = repairedPath(location.pathname);
  if (path !== location.pathname) {
    history.replaceState(history.state, '', `${path}${location.search}${location.hash}`);
  }
}
