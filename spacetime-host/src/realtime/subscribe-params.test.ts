import { describe, expect, it } from 'vitest';
import { parseSubscribeParams, SubscribeParamsError } from './subscribe-params.js';

const parse = (query: string) => parseSubscribeParams(new URLSearchParams(query));

describe('subscribe query parameters', () => {
  it('has SpacetimeDB’s defaults: brotli, not light, confirmed reads, a generated connection id', () => {
    expect(parse('')).toEqual({ compression: 'Brotli', light: false, confirmedReads: true });
  });

  it.each([
    [
      'compression=None&light=true&confirmed=false',
      { compression: 'None', light: true, confirmedReads: false },
    ],
    ['compression=Gzip', { compression: 'Gzip', light: false, confirmedReads: true }],
    [
      'connection_id=000000000000000000000000000000ff&token=ignored',
      { connectionId: 255n, compression: 'Brotli', light: false, confirmedReads: true },
    ],
    [
      'connection_id=0xABCDEF00000000000000000000000001',
      {
        connectionId: 0xabcdef00000000000000000000000001n,
        compression: 'Brotli',
        light: false,
        confirmedReads: true,
      },
    ],
  ])('parses %s', (query, expected) => {
    expect(parse(query)).toEqual(expected);
  });

  it.each([
    ['compression=gzip', /unknown variant `gzip`/],
    ['light=1', /light: provided string was not `true` or `false`/],
    ['confirmed=', /confirmed: provided string/],
    ['connection_id=12', /expected 32 hex digits/],
    [`connection_id=${'0'.repeat(32)}`, /all-zeros ConnectionId is reserved/],
  ])('refuses %s', (query, message) => {
    expect(() => parse(query)).toThrow(SubscribeParamsError);
    expect(() => parse(query)).toThrow(message);
  });
});
