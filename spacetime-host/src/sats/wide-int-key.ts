/**
 * Keys of a single 128- or 256-bit integer column (Identity, ConnectionId,
 * Uuid, u128, i256…): the same code units KeyEncoder writes (big-endian
 * 16-bit units, sign bit flipped for signed types), built in one call.
 */
export function wideIntKey(
  size: 16 | 32,
  signed: boolean,
): (buf: Uint8Array, offset: number) => string {
  const flip = signed ? 0x8000 : 0;
  const u = (buf: Uint8Array, at: number) => buf[at]! | (buf[at + 1]! << 8);
  if (size === 16) {
    return (b, o) =>
      String.fromCharCode(
        u(b, o + 14) ^ flip,
        u(b, o + 12),
        u(b, o + 10),
        u(b, o + 8),
        u(b, o + 6),
        u(b, o + 4),
        u(b, o + 2),
        u(b, o),
      );
  }
  return (b, o) =>
    String.fromCharCode(
      u(b, o + 30) ^ flip,
      u(b, o + 28),
      u(b, o + 26),
      u(b, o + 24),
      u(b, o + 22),
      u(b, o + 20),
      u(b, o + 18),
      u(b, o + 16),
      u(b, o + 14),
      u(b, o + 12),
      u(b, o + 10),
      u(b, o + 8),
      u(b, o + 6),
      u(b, o + 4),
      u(b, o + 2),
      u(b, o),
    );
}
