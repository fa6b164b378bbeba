/**
 * Bytes that are not a valid BSATN encoding of the expected type: truncated
 * data, trailing bytes, an unknown sum tag, a bool other than 0/1, or a
 * string that is not UTF-8. The datastore reports it as errno
 * BSATN_DECODE_ERROR, as SpacetimeDB does.
 */
export class BsatnError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BsatnError';
  }
}
