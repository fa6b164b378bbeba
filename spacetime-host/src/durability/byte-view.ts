/**
 * A Uint8Array over a whole ArrayBuffer, reused while the buffer stays the
 * same. Encoding a record needs one; constructing a typed array per record
 * cost more than the encoding itself.
 */
let cachedBuffer: ArrayBufferLike | undefined;
let cachedBytes: Uint8Array = new Uint8Array(0);

export function byteView(buffer: ArrayBufferLike): Uint8Array {
  if (buffer !== cachedBuffer) {
    cachedBuffer = buffer;
    cachedBytes = new Uint8Array(buffer);
  }
  return cachedBytes;
}
