// The address a request came from, for rate limits and lockouts. Behind
// reverse proxies (TRUST_PROXY_HOPS > 0) it is read from X-Forwarded-For,
// counting hops from the right: the entries further left were written by the
// client and may be forged.
import type { Context } from 'hono';

interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

export function clientAddress(c: Context, trustProxyHops: number): string {
  if (trustProxyHops > 0) {
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
    const fromProxy = forwarded[forwarded.length - trustProxyHops];
    if (fromProxy !== undefined) return fromProxy;
  }
  const socketAddress = (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress;
  return socketAddress ?? 'unknown';
}
