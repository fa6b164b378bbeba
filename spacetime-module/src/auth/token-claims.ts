// The claims of the sender's token, once its issuer and audience are the ones
// configure_auth set (see docs: the contract between the API and the module).
import { SenderError } from 'spacetimedb/server';
import type { ReducerContext } from '../context';
import { moduleConfigOf } from './module-config';

export interface TrustedClaims {
  /** The API's user id, or `service:api` for the API itself. */
  readonly subject: string;
  readonly roles: readonly string[];
  /** `preferred_username`, when the token has one. */
  readonly username: string | undefined;
  /** `name`, when the token has one. */
  readonly displayName: string | undefined;
}

/** The sender's claims, or a SenderError saying why its token is not trusted. */
export function trustedClaims(ctx: ReducerContext): TrustedClaims {
  const config = moduleConfigOf(ctx.db);
  if (config.issuer === '') {
    throw new SenderError(
      'Kith is not configured yet: the database owner must call configure_auth.',
    );
  }
  const jwt = ctx.senderAuth.jwt;
  if (jwt === null) throw new SenderError('Connect with a token issued by the Kith API.');
  if (jwt.issuer !== config.issuer) {
    throw new SenderError(
      `Tokens from ${jwt.issuer} are not accepted here; sign in through the Kith API.`,
    );
  }
  if (!jwt.audience.includes(config.audience)) {
    throw new SenderError(`This token is not meant for Kith (audience "${config.audience}").`);
  }
  const payload = jwt.fullPayload;
  return {
    subject: jwt.subject,
    roles: stringArray(payload.roles),
    username:
      typeof payload.preferred_username === 'string' ? payload.preferred_username : undefined,
    displayName: typeof payload.name === 'string' ? payload.name : undefined,
  };
}

/** True when the sender's token is trusted and carries `role`. */
export function hasTrustedRole(ctx: ReducerContext, role: string): boolean {
  const config = moduleConfigOf(ctx.db);
  const jwt = ctx.senderAuth.jwt;
  if (config.issuer === '' || jwt === null || jwt.issuer !== config.issuer) return false;
  if (!jwt.audience.includes(config.audience)) return false;
  return stringArray(jwt.fullPayload.roles).includes(role);
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}
