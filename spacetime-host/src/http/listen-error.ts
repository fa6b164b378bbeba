/** The server could not listen (port taken, address not available). */
export class ListenError extends Error {
  override readonly name = 'ListenError';
}
