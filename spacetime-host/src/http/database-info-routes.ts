import type { Hono } from 'hono';
import { identityToHex } from '../auth/identity.js';
import type { DatabaseHandle, HostApi } from '../database/database-api.js';
import { authorize } from './database-policy.js';
import type { HttpEnv } from './http-env.js';
import { HttpError } from './http-error.js';
import { type ModuleDefVersion, moduleDefJson } from './module-def/module-def-json.js';
import { parseNameOrIdentity } from './name-or-identity.js';
import { enumParam, requiredParam } from './query-params.js';
import { findDatabase, resolveDatabase } from './resolve-database.js';
import { emptyResponse, jsonResponse, textResponse } from './responses.js';

/** SATS-JSON of an `Identity` as a typed value: a product with its one `__identity__` u256. */
function identityJson(identity: bigint): unknown {
  return { __identity__: `0x${identity.toString(16)}` };
}

/** `GET`/`DELETE /v1/database/:name_or_identity` and the read-only routes around it. */
export function registerDatabaseInfoRoutes(routes: Hono<HttpEnv>, host: HostApi): void {
  const resolved = resolveDatabase(host);

  routes.get('/:name_or_identity', resolved, (c) => jsonResponse(databaseJson(c.get('database'))));

  // Deleting a database that does not exist succeeds; an unknown name does not.
  routes.delete('/:name_or_identity', async (c) => {
    const target = parseNameOrIdentity(c.req.param('name_or_identity'));
    const database = findDatabase(host, target);
    if (database === undefined) {
      if (target.kind === 'name') throw new HttpError(404, `\`${target.name}\` not found`);
      return emptyResponse();
    }
    const caller = c.get('caller').identity;
    authorize(database, caller, 'delete database');
    await host.delete(database, caller);
    return emptyResponse();
  });

  routes.get('/:name_or_identity/names', resolved, (c) =>
    jsonResponse({ names: c.get('database').names }),
  );

  // An identity resolves to itself, whether or not a database has it.
  routes.get('/:name_or_identity/identity', (c) => {
    const target = parseNameOrIdentity(c.req.param('name_or_identity'));
    if (target.kind === 'identity') return textResponse(identityToHex(target.identity));
    const database = findDatabase(host, target);
    if (database === undefined) throw new HttpError(404, `\`${target.name}\` not found`);
    return textResponse(identityToHex(database.identity));
  });

  routes.get('/:name_or_identity/schema', resolved, (c) => {
    requiredParam(c, 'version');
    const version = enumParam(c, 'version', ['9', '10'], '10');
    return jsonResponse(
      moduleDefJson(c.get('database').rawModuleDef, Number(version) as ModuleDefVersion),
    );
  });

  routes.get('/:name_or_identity/unstable/timestamp', resolved, (c) =>
    jsonResponse({ __timestamp_micros_since_unix_epoch__: c.get('database').now() }),
  );

  for (const [method, path, feature] of [
    ['post', 'names', 'adding database names'],
    ['put', 'names', 'renaming databases'],
    ['post', 'lock', 'database locks'],
    ['post', 'unlock', 'database locks'],
    ['put', 'reset', 'resetting a database (publish with --delete-data instead)'],
  ] as const) {
    routes.on(method.toUpperCase(), `/:name_or_identity/${path}`, resolved, () => {
      throw new HttpError(501, `spacetime-host does not support ${feature}`);
    });
  }
}

/** SpacetimeDB's `DatabaseResponse`; this host does not keep the initial program's hash. */
function databaseJson(database: DatabaseHandle): unknown {
  return {
    database_identity: identityJson(database.identity),
    owner_identity: identityJson(database.owner),
    host_type: { Js: [] },
    initial_program: '0x0',
  };
}
