import { describe, expect, it } from 'vitest';
import { crc32c } from './crc32c.js';

const ascii = (s: string) => new TextEncoder().encode(s);

/** Byte-at-a-time reference straight from the definition, to check the sliced tables. */
function reference(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return ~crc >>> 0;
}

describe('crc32c', () => {
  it('matches the published check values', () => {
    expect(crc32c(ascii('123456789'))).toBe(0xe3069283);
    expect(crc32c(new Uint8Array(0))).toBe(0);
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa); // RFC 3720 B.4: 32 bytes of zeros
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
  });

  it('agrees with the bitwise definition for every length up to 70 and any alignment', () => {
    const data = new Uint8Array(80).map((_, i) => (i * 151 + 7) & 0xff);
    for (let start = 0; start < 9; start++) {
      for (let end = start; end <= 79; end++) {
        expect(crc32c(data, start, end)).toBe(reference(data.subarray(start, end)));
      }
    }
  });

  it('continues a checksum across pieces', () => {
    const data = ascii('the quick brown fox jumps over the lazy dog');
    for (let k = 0; k <= data.length; k++) {
      expect(crc32c(data, k, data.length, crc32c(data, 0, k))).toBe(crc32c(data));
    }
  });

  it('changes when any single bit flips', () => {
    const data = ascii('commit log record payload');
    const good = crc32c(data);
    for (let i = 0; i < data.length * 8; i++) {
      const flipped = data.slice();
      flipped[i >> 3]! ^= 1 << (i & 7);
      expect(crc32c(flipped)).not.toBe(good);
    }
  });
});
