/**
 * Every commit-log segment starts with `KITHCLOG`, a format version and the
 * checksum algorithm (0 = CRC-32C), then two reserved bytes: 12 bytes.
 */
export const SEGMENT_MAGIC = new TextEncoder().encode('KITHCLOG');
export const SEGMENT_FORMAT_VERSION = 1;
export const CHECKSUM_CRC32C = 0;
export const SEGMENT_HEADER_LEN = SEGMENT_MAGIC.length + 4;

export function segmentHeader(): Uint8Array {
  const header = new Uint8Array(SEGMENT_HEADER_LEN);
  header.set(SEGMENT_MAGIC, 0);
  header[SEGMENT_MAGIC.length] = SEGMENT_FORMAT_VERSION;
  header[SEGMENT_MAGIC.length + 1] = CHECKSUM_CRC32C;
  return header;
}

export type SegmentHeaderCheck =
  | { readonly ok: true }
  /** Shorter than a header, or all zeros: a segment whose creation a crash cut short. */
  | { readonly ok: false; readonly incomplete: true; readonly reason: string }
  | { readonly ok: false; readonly incomplete: false; readonly reason: string };

export function checkSegmentHeader(bytes: Uint8Array): SegmentHeaderCheck {
  if (bytes.length < SEGMENT_HEADER_LEN) {
    return { ok: false, incomplete: true, reason: `only ${bytes.length} byte(s) of header` };
  }
  const header = bytes.subarray(0, SEGMENT_HEADER_LEN);
  if (header.every((b) => b === 0)) {
    return { ok: false, incomplete: true, reason: 'header is all zeros' };
  }
  for (let i = 0; i < SEGMENT_MAGIC.length; i++) {
    if (header[i] !== SEGMENT_MAGIC[i]) {
      return { ok: false, incomplete: false, reason: 'not a commit-log segment (bad magic)' };
    }
  }
  const version = header[SEGMENT_MAGIC.length]!;
  if (version !== SEGMENT_FORMAT_VERSION) {
    return {
      ok: false,
      incomplete: false,
      reason: `unsupported segment format version ${version}`,
    };
  }
  const checksum = header[SEGMENT_MAGIC.length + 1]!;
  if (checksum !== CHECKSUM_CRC32C) {
    return { ok: false, incomplete: false, reason: `unsupported checksum algorithm ${checksum}` };
  }
  return { ok: true };
}
