/** A close frame's reason may hold at most 123 bytes of UTF-8 (RFC 6455 §5.5). */
const MAX_REASON_BYTES = 123;

/** `reason`, cut at a character boundary to fit in a close frame. */
export function closeReason(reason: string): string {
  if (Buffer.byteLength(reason) <= MAX_REASON_BYTES) return reason;
  let cut = '';
  for (const char of reason) {
    if (Buffer.byteLength(cut + char) > MAX_REASON_BYTES - 3) break;
    cut += char;
  }
  return `${cut}...`;
}
