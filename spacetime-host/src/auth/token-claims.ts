import { identityFromClaims, identityToHex, parseIdentityHex } from './identity.js';
import { TokenRejectedError } from './token-error.js';

/**
 * The claims SpacetimeDB attaches to a caller (`SpacetimeIdentityClaims`):
 * the identity is always derived from `iss`/`sub`, and every claim the token
 * carries beyond the standard ones is kept in `extra`.
 */
export interface SpacetimeClaims {
  readonly identity: bigint;
  readonly issuer: string;
  readonly subject: string;
  readonly audience: readonly string[];
  /** Seconds since the Unix epoch. */
  readonly issuedAt: number;
  /** Seconds since the Unix epoch; null for tokens that never expire (SpacetimeDB's own). */
  readonly expiresAt: number | null;
  readonly extra: Readonly<Record<string, unknown>>;
}

/** jsonwebtoken's default leeway, which SpacetimeDB uses for `exp`. */
export const CLOCK_LEEWAY_SECONDS = 60;

const MAX_ISSUER_OR_SUBJECT_BYTES = 128;
const STANDARD_CLAIMS = new Set(['hex_identity', 'sub', 'iss', 'aud', 'iat', 'exp']);

/**
 * Checks a decoded JWT payload the way SpacetimeDB's `IncomingClaims` does
 * (required `iss`, `sub`, `iat`; optional `aud`, `exp`, `hex_identity`),
 * plus `exp` and `nbf` against `nowSeconds` with a 60 s leeway.
 */
export function validateIncomingClaims(payload: unknown, nowSeconds: number): SpacetimeClaims {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw invalid('the token payload is not a JSON object');
  }
  const claims = payload as Record<string, unknown>;
  const issuer = requireString(claims, 'iss');
  const subject = requireString(claims, 'sub');
  if (issuer.length === 0) throw invalid('Issuer empty');
  if (subject.length === 0) throw invalid('Subject empty');
  if (utf8Length(issuer) > MAX_ISSUER_OR_SUBJECT_BYTES)
    throw invalid(`Issuer too long: "${issuer}"`);
  if (utf8Length(subject) > MAX_ISSUER_OR_SUBJECT_BYTES)
    throw invalid(`Subject too long: "${subject}"`);

  const issuedAt = claims.iat;
  if (typeof issuedAt !== 'number' || !Number.isFinite(issuedAt)) {
    throw invalid('missing or non-numeric "iat" claim');
  }
  const expiresAt = optionalTimestamp(claims, 'exp');
  if (expiresAt !== null && expiresAt < nowSeconds - CLOCK_LEEWAY_SECONDS) {
    throw new TokenRejectedError('expired', 'Invalid token: the token has expired');
  }
  const notBefore = optionalTimestamp(claims, 'nbf');
  if (notBefore !== null && notBefore > nowSeconds + CLOCK_LEEWAY_SECONDS) {
    throw new TokenRejectedError(
      'not-yet-valid',
      'Invalid token: the token is not valid yet (nbf)',
    );
  }

  const identity = identityFromClaims(issuer, subject);
  const claimed = claims.hex_identity;
  if (claimed !== undefined && claimed !== null) {
    const parsed = typeof claimed === 'string' ? parseIdentityHex(claimed) : undefined;
    if (parsed === undefined) throw invalid('"hex_identity" is not a 64-digit hex identity');
    if (parsed !== identity) {
      throw invalid(
        `Identity mismatch: token identity ${claimed} does not match computed identity ${identityToHex(identity)}`,
      );
    }
  }

  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(claims)) {
    if (!STANDARD_CLAIMS.has(key)) extra[key] = value;
  }
  return {
    identity,
    issuer,
    subject,
    audience: parseAudience(claims.aud),
    issuedAt,
    expiresAt,
    extra,
  };
}

/**
 * The payload SpacetimeDB signs, in its field order:
 * `{"hex_identity","sub","iss","aud","iat","exp",...extra}`.
 */
export function claimsPayloadJson(claims: SpacetimeClaims): string {
  return JSON.stringify({
    hex_identity: identityToHex(claims.identity),
    sub: claims.subject,
    iss: claims.issuer,
    aud: claims.audience,
    iat: claims.issuedAt,
    exp: claims.expiresAt,
    ...claims.extra,
  });
}

function parseAudience(aud: unknown): string[] {
  if (aud === undefined || aud === null) return [];
  if (typeof aud === 'string') return [aud];
  if (Array.isArray(aud) && aud.every((entry) => typeof entry === 'string')) return [...aud];
  throw invalid('"aud" must be a string or an array of strings');
}

function requireString(claims: Record<string, unknown>, name: string): string {
  const value = claims[name];
  if (typeof value !== 'string') throw invalid(`missing or non-string "${name}" claim`);
  return value;
}

function optionalTimestamp(claims: Record<string, unknown>, name: string): number | null {
  const value = claims[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid(`"${name}" must be a number of seconds since the epoch`);
  }
  return value;
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

function invalid(message: string): TokenRejectedError {
  return new TokenRejectedError('invalid-claims', `Invalid token: ${message}`);
}
