/**
 * A byte string as a JavaScript string (one char per byte), so rows and
 * column values can key Maps. Short keys (the usual column value) avoid
 * allocating a Buffer.
 */
export function rowKey(bytes: Uint8Array): string {
  const n = bytes.length;
  if (n > 48) return Buffer.from(bytes.buffer, bytes.byteOffset, n).toString('latin1');
  let key = '';
  for (let i = 0; i < n; i++) key += String.fromCharCode(bytes[i]!);
  return key;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
