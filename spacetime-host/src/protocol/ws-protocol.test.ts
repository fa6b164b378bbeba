import { describe, expect, it } from 'vitest';
import { negotiateProtocol, parseProtocolHeader } from './ws-protocol.js';

describe('subprotocol negotiation', () => {
  it.each([
    ['v3.bsatn.spacetimedb, v2.bsatn.spacetimedb', 'v3'],
    ['v2.bsatn.spacetimedb,v3.bsatn.spacetimedb', 'v3'],
    ['v2.bsatn.spacetimedb', 'v2'],
    ['v1.bsatn.spacetimedb, v1.json.spacetimedb', undefined],
    [undefined, undefined],
  ])('%s -> %s', (header, version) => {
    expect(negotiateProtocol(parseProtocolHeader(header))).toBe(version);
  });
});
