import { ApiClient } from './api-client.js';
import { loadConfig } from './cli-config.js';
import type { CliIo } from './cli-io.js';
import { serverToken } from './credentials.js';
import { boolFlag, type FlagSpec, type ParsedArgs, stringFlag } from './parse-args.js';
import { resolveServerUrl } from './server-url.js';

export interface CommandContext {
  readonly io: CliIo;
  readonly configFile: string;
}

/** A `spacetime-local` subcommand; its flags and usage mirror the real `spacetime` CLI's. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly flags: readonly FlagSpec[];
  run(args: ParsedArgs, ctx: CommandContext): Promise<void>;
}

export const SERVER_FLAG: FlagSpec = { long: 'server', short: 's', value: 'required' };
export const ANONYMOUS_FLAG: FlagSpec = { long: 'anonymous', value: 'none' };
export const YES_FLAG: FlagSpec = { long: 'yes', short: 'y', value: 'none' };
export const NO_CONFIG_FLAG: FlagSpec = { long: 'no-config', value: 'none' };

/**
 * A client for the server named by `-s/--server`, carrying this CLI's token
 * for it unless `--anonymous` was given (then the server mints a throwaway
 * identity per request, as SpacetimeDB does). `projectServer` is the
 * `server` of the project's `spacetime.json`, which the flag overrides.
 */
export async function connect(
  args: ParsedArgs,
  ctx: CommandContext,
  projectServer?: string,
): Promise<ApiClient> {
  const config = await loadConfig(ctx.configFile);
  const client = new ApiClient(
    resolveServerUrl(stringFlag(args, 'server') ?? projectServer, ctx.io.env, config.defaultServer),
  );
  if (boolFlag(args, 'anonymous')) return client;
  return client.withToken(await serverToken(client, ctx.configFile, ctx.io));
}
