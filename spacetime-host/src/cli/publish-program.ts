import type { ApiClient } from './api-client.js';
import { responseError } from './api-client.js';
import { CliError } from './cli-error.js';
import type { ConsoleIo } from './cli-io.js';
import { confirm } from './confirm.js';
import type { YesFlags } from './yes-flags.js';

export type ClearMode = 'always' | 'on-conflict' | 'never';

export interface PublishRequest {
  /** The database name or identity; undefined creates an unnamed database. */
  readonly name: string | undefined;
  /** The module bundle (JavaScript). */
  readonly program: string;
  readonly clear: ClearMode;
  readonly yes: YesFlags;
  readonly breakClients: boolean;
  readonly numReplicas?: string | undefined;
}

export interface Published {
  readonly op: 'created' | 'updated';
  readonly domain: string | null;
  readonly databaseIdentity: string;
}

/**
 * A migration the server refused to do automatically (SpacetimeDB's
 * `ManualMigrate`): the data is untouched and the old module keeps running.
 */
export class ManualMigrationRequired extends CliError {
  constructor(readonly reason: string) {
    super(
      'Aborting because publishing would require manual migration or deletion of data and --delete-data was not specified.',
    );
  }
}

interface PrePublishAnswer {
  readonly AutoMigrate?: { migrate_plan: string; break_clients: boolean; token: string };
  readonly ManualMigrate?: { reason: string };
}

/**
 * The upload half of `spacetime publish` (crates/cli/src/subcommands/publish.rs):
 * for an existing database, ask `pre_publish` for the migration plan first
 * (and confirm clearing or breaking clients as the flags allow), then upload.
 */
export async function publishProgram(
  client: ApiClient,
  io: ConsoleIo,
  request: PublishRequest,
): Promise<Published> {
  const { name } = request;
  const query: Record<string, string | undefined> = {
    num_replicas: request.numReplicas,
    host_type: 'Js',
  };
  if (name !== undefined) {
    if (request.clear === 'always') {
      await confirmClear(io, name, request.yes);
      query.clear = 'true';
    } else {
      Object.assign(query, await prePublish(client, io, name, request));
    }
  }
  io.stdout('Publishing module...\n');
  const response = await client.request(
    name === undefined ? 'POST' : 'PUT',
    name === undefined ? '/v1/database' : `/v1/database/${encodeURIComponent(name)}`,
    { body: request.program, query },
  );
  if (!response.ok || response.headers.get('content-type') !== 'application/json') {
    throw await responseError(response);
  }
  const result = (await response.json()) as {
    Success?: { domain: string | null; database_identity: string; op: 'created' | 'updated' };
    PermissionDenied?: { name: string };
  };
  if (result.Success === undefined) {
    throw new CliError(
      `The database ${result.PermissionDenied?.name ?? name} is not registered to the identity you provided.`,
    );
  }
  return {
    op: result.Success.op,
    domain: result.Success.domain,
    databaseIdentity: result.Success.database_identity,
  };
}

async function confirmClear(io: ConsoleIo, name: string, yes: YesFlags): Promise<void> {
  io.stdout(`This will DESTROY the current ${name} module, and ALL corresponding data.\n`);
  if (
    !(await confirm(io, `Are you sure you want to proceed? [deleting ${name}]`, yes.deleteData))
  ) {
    throw new CliError('Aborted.');
  }
}

/**
 * The real CLI's `apply_pre_publish_if_needed`: ask the server for a
 * migration plan (404 = new database) and add its token to the publish.
 */
async function prePublish(
  client: ApiClient,
  io: ConsoleIo,
  name: string,
  request: PublishRequest,
): Promise<Record<string, string>> {
  io.stdout('Checking for breaking changes...\n');
  const response = await client.request(
    'POST',
    `/v1/database/${encodeURIComponent(name)}/pre_publish`,
    {
      body: request.program,
      query: { pretty_print_style: 'NoColor', host_type: 'Js' },
    },
  );
  if (response.status === 404) return {};
  if (!response.ok) {
    throw new CliError(
      `Pre-publish check failed with status ${response.status}: ${await response.text()}`,
    );
  }
  const answer = (await response.json()) as PrePublishAnswer;
  if (answer.ManualMigrate !== undefined) {
    io.stdout(`${answer.ManualMigrate.reason}\n`);
    if (request.clear === 'never') {
      io.stdout('Aborting publish due to required manual migration.\n');
      throw new ManualMigrationRequired(answer.ManualMigrate.reason);
    }
    io.stdout('Proceeding with database clear due to --delete-data=on-conflict.\n');
    await confirmClear(io, name, request.yes);
    return { clear: 'true' };
  }
  const plan = answer.AutoMigrate;
  if (plan === undefined) return {};
  io.stdout(`${plan.migrate_plan}\n`);
  if (
    plan.break_clients &&
    !(await confirm(
      io,
      'The above changes will BREAK existing clients. Do you want to proceed?',
      request.breakClients || request.yes.breakClients,
    ))
  ) {
    throw new CliError('Publishing aborted by user');
  }
  return { token: plan.token, policy: 'BreakClients' };
}
