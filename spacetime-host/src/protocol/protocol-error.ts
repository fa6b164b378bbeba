/**
 * A frame that is not a valid message of the negotiated WebSocket protocol:
 * truncated or trailing bytes, an unknown tag, a bad flag, text that is not
 * UTF-8. SpacetimeDB closes the connection with the error's text as the close
 * reason (`MessageHandleError`), so the message is written to be read there.
 */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}
