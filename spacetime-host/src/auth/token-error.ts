/** Why a token was refused; the HTTP layer turns every one into a 401 with the message. */
export type TokenRejectionReason =
  /** Not three base64url parts, or the header or payload is not JSON. */
  | 'malformed'
  /** Missing or bad `iss`/`sub`/`iat`, or `hex_identity` does not match `iss`/`sub`. */
  | 'invalid-claims'
  | 'bad-signature'
  | 'expired'
  | 'not-yet-valid'
  /** `none`, HMAC (`HS*`) or an algorithm the issuer's key cannot be used with. */
  | 'unsupported-algorithm'
  /** A third-party issuer that is not https (plain http is only allowed for localhost when configured). */
  | 'insecure-issuer'
  /** The issuer's OpenID configuration or JWKS could not be fetched or parsed. */
  | 'issuer-unreachable'
  /** The token names a `kid` the issuer's JWKS does not have. */
  | 'unknown-key';

export class TokenRejectedError extends Error {
  override readonly name = 'TokenRejectedError';
  constructor(
    readonly reason: TokenRejectionReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
