import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { identityToHex } from '../auth/identity.js';
import type { HostApi, PublishRequest } from '../database/database-api.js';
import { authorize } from './database-policy.js';
import type { HttpEnv } from './http-env.js';
import { badRequest } from './http-error.js';
import type { HttpSettings } from './http-options.js';
import { type NameOrIdentity, parseNameOrIdentity } from './name-or-identity.js';
import { boolParam, enumParam, uintParam } from './query-params.js';
import { readBody } from './request-body.js';
import { findDatabase, resolveDatabase } from './resolve-database.js';
import { jsonResponse } from './responses.js';

const MISSING_MIGRATION_TOKEN =
  'Migration policy is set to `BreakClients`, but no migration token was provided.';
// SpacetimeDB's MigrationPolicyError texts (crates/schema/src/auto_migrate.rs).
const BREAKING_CHANGE_DISALLOWED =
  'Migration plan contains a client-breaking change which is disallowed under current policy';
const INVALID_MIGRATION_TOKEN = 'Token provided is invalid or does not match expected hash';

/** The token pre_publish hands out for this database and bundle; publish checks it back. */
function migrationToken(identity: Parameters<typeof identityToHex>[0], bytes: Uint8Array): string {
  const hash = createHash('sha256').update(identityToHex(identity)).update(bytes);
  return `0x${BigInt(`0x${hash.digest('hex')}`).toString(16)}`;
}

/**
 * Publishing (crates/client-api/src/routes/database.rs `publish`,
 * `pre_publish`): `POST /v1/database` creates a database with a fresh
 * identity, `PUT /v1/database/:name_or_identity` creates or updates one.
 * The body is the module bundle; `?host_type=Js` is what `spacetime publish`
 * sends for TypeScript modules.
 */
export function registerPublishRoutes(
  routes: Hono<HttpEnv>,
  host: HostApi,
  settings: HttpSettings,
): void {
  routes.post('/', (c) => publish(c, host, settings, undefined));
  routes.put('/:name_or_identity', (c) =>
    publish(c, host, settings, parseNameOrIdentity(c.req.param('name_or_identity'))),
  );

  // The CLI asks for a migration plan before updating an existing database
  // (a 404 means "new database"): an incompatible module is a ManualMigrate
  // with the reasons, so `--delete-data=on-conflict` can offer to clear; a
  // compatible one an AutoMigrate whose token publish accepts back.
  routes.post('/:name_or_identity/pre_publish', resolveDatabase(host), async (c) => {
    const database = c.get('database');
    authorize(database, c.get('caller').identity, 'update database');
    const bytes = await readBody(c, settings.maxModuleBytes);
    const program = programText(bytes, c.req.query('host_type'));
    const plan = host.planUpdate(database, program);
    if (!plan.compatible) {
      return jsonResponse({
        ManualMigrate: {
          reason: `The new module is not compatible with the stored data:\n${plan.reasons.map((reason) => `- ${reason}`).join('\n')}`,
          major_version_upgrade: false,
        },
      });
    }
    const breaksClients = plan.breaksClients ?? false;
    return jsonResponse({
      AutoMigrate: {
        migrate_plan: `Updating database ${identityToHex(database.identity)}: the new module is compatible with the stored data.${
          breaksClients
            ? ' Row types that clients know change, so every connected client is disconnected and must use regenerated bindings.'
            : ''
        }`,
        break_clients: breaksClients,
        token: migrationToken(database.identity, bytes),
        major_version_upgrade: false,
      },
    });
  });
}

async function publish(
  c: Context<HttpEnv>,
  host: HostApi,
  settings: HttpSettings,
  target: NameOrIdentity | undefined,
): Promise<Response> {
  const caller = c.get('caller');
  const clear = boolParam(c, 'clear', false);
  const hostType = c.req.query('host_type');
  enumParam(c, 'host_type', ['Wasm', 'Js'], 'Wasm');
  const replicas = uintParam(c, 'num_replicas', Number.MAX_SAFE_INTEGER);
  if (replicas !== undefined && replicas > 255) {
    throw badRequest(`Replication factor ${replicas} out of bounds`);
  }
  const policy = enumParam(c, 'policy', ['Compatible', 'BreakClients'], 'Compatible');
  if (policy === 'BreakClients' && c.req.query('token') === undefined) {
    throw badRequest(MISSING_MIGRATION_TOKEN);
  }
  if (c.req.query('parent') !== undefined) {
    throw badRequest('spacetime-host does not support parent databases (`parent`)');
  }
  if (c.req.query('organization') !== undefined || c.req.query('org') !== undefined) {
    throw badRequest('spacetime-host does not support organizations (`organization`)');
  }
  if (clear && target === undefined) {
    throw badRequest('Clear database requires database name or identity');
  }

  const existing = target === undefined ? undefined : findDatabase(host, target);
  if (existing !== undefined) {
    authorize(existing, caller.identity, clear ? 'reset database' : 'update database');
  }
  const bytes = await readBody(c, settings.maxModuleBytes);
  const program = programText(bytes, hostType);
  // A plan that disconnects clients needs the publisher's acknowledgement: the
  // token pre_publish gave for exactly these bytes (SpacetimeDB's MigrationPolicy).
  if (existing !== undefined && !clear) {
    const plan = host.planUpdate(existing, program);
    if (plan.compatible && plan.breaksClients === true) {
      if (policy !== 'BreakClients') throw badRequest(BREAKING_CHANGE_DISALLOWED);
      if (c.req.query('token') !== migrationToken(existing.identity, bytes)) {
        throw badRequest(INVALID_MIGRATION_TOKEN);
      }
    }
  }

  const request: PublishRequest = {
    program,
    publisher: caller.identity,
    clear: clear && existing !== undefined,
    ...(target?.kind === 'name' ? { name: target.name } : {}),
    ...(existing !== undefined
      ? { identity: existing.identity }
      : target?.kind === 'identity'
        ? { identity: target.identity }
        : {}),
  };
  // The database's refusals (not the owner, incompatible update, a module that
  // does not load) are mapped to statuses in error-response.ts.
  const result = await host.publish(request);
  return jsonResponse({
    Success: {
      domain: target?.kind === 'name' ? target.name : null,
      database_identity: identityToHex(result.identity),
      op: request.clear ? 'updated' : result.op,
    },
  });
}

/** The bundle as text; this host runs JavaScript modules only. */
function programText(bytes: Uint8Array, hostType: string | undefined): string {
  const isWasm = bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
  // Without `host_type` SpacetimeDB assumes WebAssembly; a JavaScript body makes the intent plain.
  if (hostType === 'Wasm' || isWasm) {
    throw badRequest(
      'spacetime-host runs JavaScript/TypeScript modules only; publish with `host_type=Js` (as `spacetime publish` does for TypeScript modules)',
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badRequest('The module program is not UTF-8 JavaScript');
  }
}
