import { describe, expect, it } from 'vitest';
import { parseListenAddr } from './start-command.js';

describe('parseListenAddr', () => {
  it.each([
    ['127.0.0.1:3000', '127.0.0.1', 3000],
    ['0.0.0.0:0', '0.0.0.0', 0],
    ['[::1]:8080', '::1', 8080],
    ['localhost:1234', 'localhost', 1234],
    ['4000', '127.0.0.1', 4000],
  ])('%s', (text, address, port) => {
    expect(parseListenAddr(text)).toEqual({ address, port });
  });

  it.each(['127.0.0.1', '127.0.0.1:99999', 'host:port', ''])('rejects %j', (text) => {
    expect(() => parseListenAddr(text)).toThrow(/invalid --listen-addr/);
  });
});
