/** The WebSocket subprotocols of SpacetimeDB's binary protocol. */
export const V2_PROTOCOL = 'v2.bsatn.spacetimedb';
/** v3 only changes framing: a frame may hold several v2 messages back to back. */
export const V3_PROTOCOL = 'v3.bsatn.spacetimedb';

export type WsVersion = 'v2' | 'v3';

/**
 * Picks the subprotocol from those a client offers, preferring v3 as
 * SpacetimeDB does. The v1 protocols (`v1.bsatn.spacetimedb`,
 * `v1.json.spacetimedb`) are not served: undefined means "no valid protocol".
 */
export function negotiateProtocol(offered: Iterable<string>): WsVersion | undefined {
  const set = new Set(offered);
  if (set.has(V3_PROTOCOL)) return 'v3';
  if (set.has(V2_PROTOCOL)) return 'v2';
  return undefined;
}

export function protocolName(version: WsVersion): string {
  return version === 'v3' ? V3_PROTOCOL : V2_PROTOCOL;
}

/** The offered subprotocols from a `Sec-WebSocket-Protocol` header. */
export function parseProtocolHeader(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
