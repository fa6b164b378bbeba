import type { MiddlewareHandler } from 'hono';
import { identityToHex } from '../auth/identity.js';
import type { DatabaseHandle, HostApi } from '../database/database-api.js';
import type { HttpEnv } from './http-env.js';
import { HttpError, noSuchDatabase } from './http-error.js';
import { type NameOrIdentity, parseNameOrIdentity } from './name-or-identity.js';

/** The database a parsed `:name_or_identity` refers to, if any. */
export function findDatabase(host: HostApi, target: NameOrIdentity): DatabaseHandle | undefined {
  return host.find(target.kind === 'identity' ? identityToHex(target.identity) : target.name);
}

/**
 * Resolves `:name_or_identity` to an existing database (`c.get('database')`),
 * answering 404 as SpacetimeDB does: "`name` not found" for an unknown name,
 * "No such database." for an unknown identity.
 */
export function resolveDatabase(host: HostApi): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const target = parseNameOrIdentity(c.req.param('name_or_identity') ?? '');
    const database = findDatabase(host, target);
    if (database === undefined) {
      throw target.kind === 'name'
        ? new HttpError(404, `\`${target.name}\` not found`)
        : noSuchDatabase();
    }
    c.set('database', database);
    await next();
  };
}
