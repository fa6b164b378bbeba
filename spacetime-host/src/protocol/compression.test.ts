import { describe, expect, it } from 'vitest';
import { COMPRESS_THRESHOLD, compressFrame, decompressFrame } from './compression.js';
import { ProtocolError } from './protocol-error.js';

/** A payload of `length` bytes with a spare first byte for the tag, as the sender builds it. */
function tagged(length: number): Uint8Array {
  const frame = new Uint8Array(length + 1);
  for (let i = 1; i <= length; i++) frame[i] = i % 7;
  return frame;
}

describe('frame compression', () => {
  it('sends payloads up to the threshold uncompressed, whatever the client asked', async () => {
    for (const compression of ['None', 'Gzip', 'Brotli'] as const) {
      const frame = await compressFrame(tagged(COMPRESS_THRESHOLD), compression);
      expect(frame[0]).toBe(0);
      expect(frame.length).toBe(COMPRESS_THRESHOLD + 1);
    }
  });

  it('compresses larger payloads with the tag of the algorithm, and they read back', async () => {
    const payload = tagged(COMPRESS_THRESHOLD + 1);
    const expected = payload.slice(1);
    const gzip = await compressFrame(payload.slice(), 'Gzip');
    const brotli = await compressFrame(payload.slice(), 'Brotli');
    expect(gzip[0]).toBe(2);
    expect(brotli[0]).toBe(1);
    expect(gzip.length).toBeLessThan(payload.length);
    expect(decompressFrame(gzip)).toEqual(expected);
    expect(decompressFrame(brotli)).toEqual(expected);
    expect((await compressFrame(payload.slice(), 'None'))[0]).toBe(0);
  });

  it('refuses unknown tags and corrupt data', () => {
    expect(() => decompressFrame(new Uint8Array([3, 1]))).toThrow(/unknown compression tag 3/);
    expect(() => decompressFrame(new Uint8Array([2, 1, 2, 3]))).toThrow(ProtocolError);
  });
});
