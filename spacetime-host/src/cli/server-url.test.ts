import { describe, expect, it } from 'vitest';
import { resolveServerUrl } from './server-url.js';

describe('resolveServerUrl', () => {
  it('defaults to the local host, then the environment, then the config', () => {
    expect(resolveServerUrl(undefined, {}, undefined)).toBe('http://127.0.0.1:3000');
    expect(resolveServerUrl(undefined, {}, 'http://cfg:1')).toBe('http://cfg:1');
    expect(
      resolveServerUrl(undefined, { SPACETIME_LOCAL_SERVER: 'http://env:2' }, 'http://cfg:1'),
    ).toBe('http://env:2');
    expect(resolveServerUrl('http://flag:3/', { SPACETIME_LOCAL_SERVER: 'x' }, undefined)).toBe(
      'http://flag:3',
    );
  });

  it('accepts the `local` nickname and a bare host:port', () => {
    expect(resolveServerUrl('local', {}, undefined)).toBe('http://127.0.0.1:3000');
    expect(resolveServerUrl('localhost:4000', {}, undefined)).toBe('http://localhost:4000');
  });

  it('rejects other protocols and garbage', () => {
    expect(() => resolveServerUrl('ftp://x', {}, undefined)).toThrow(/Invalid protocol: ftp/);
    expect(() => resolveServerUrl('http://', {}, undefined)).toThrow(/invalid server/);
  });
});
