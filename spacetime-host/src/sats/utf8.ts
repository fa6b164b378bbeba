import { isUtf8 } from 'node:buffer';

/** Below this length a JS loop beats the native call and its subarray allocation. */
const NATIVE_THRESHOLD = 32;

/**
 * True when `buf[start..end)` is well-formed UTF-8 as Rust's `str::from_utf8`
 * defines it: no overlong forms, no surrogates, nothing above U+10FFFF.
 */
export function isValidUtf8(buf: Uint8Array, start: number, end: number): boolean {
  if (end - start >= NATIVE_THRESHOLD) return isUtf8(buf.subarray(start, end));
  let i = start;
  while (i < end) {
    const b0 = buf[i]!;
    if (b0 < 0x80) {
      i++;
      continue;
    }
    if (b0 < 0xc2) return false;
    if (b0 < 0xe0) {
      if (i + 1 >= end || (buf[i + 1]! & 0xc0) !== 0x80) return false;
      i += 2;
      continue;
    }
    if (b0 < 0xf0) {
      if (i + 2 >= end) return false;
      const b1 = buf[i + 1]!;
      if ((b1 & 0xc0) !== 0x80 || (buf[i + 2]! & 0xc0) !== 0x80) return false;
      if (b0 === 0xe0 && b1 < 0xa0) return false; // overlong
      if (b0 === 0xed && b1 >= 0xa0) return false; // surrogate
      i += 3;
      continue;
    }
    if (b0 < 0xf5) {
      if (i + 3 >= end) return false;
      const b1 = buf[i + 1]!;
      if ((b1 & 0xc0) !== 0x80 || (buf[i + 2]! & 0xc0) !== 0x80 || (buf[i + 3]! & 0xc0) !== 0x80) {
        return false;
      }
      if (b0 === 0xf0 && b1 < 0x90) return false; // overlong
      if (b0 === 0xf4 && b1 >= 0x90) return false; // above U+10FFFF
      i += 4;
      continue;
    }
    return false;
  }
  return true;
}
