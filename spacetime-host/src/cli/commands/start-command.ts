import os from 'node:os';
import path from 'node:path';
import { HostAuth } from '../../auth/host-auth.js';
import { ListenError } from '../../http/listen-error.js';
import { CliError, UsageError } from '../cli-error.js';
import type { Command, CommandContext } from '../command.js';
import { boolFlag, stringFlag } from '../parse-args.js';

const USAGE =
  'spacetime-local start [--listen-addr 127.0.0.1:3000] [--data-dir DIR] [--allow-insecure-local-issuers]';

/** `spacetime start`: serves the databases of a data directory until interrupted. */
export const startCommand: Command = {
  name: 'start',
  summary: 'Start the host: serve the HTTP API for the databases in a data directory',
  usage: USAGE,
  flags: [
    { long: 'listen-addr', short: 'l', value: 'required' },
    { long: 'data-dir', value: 'required' },
    { long: 'allow-insecure-local-issuers', value: 'none' },
    { long: 'non-interactive', value: 'none' },
  ],
  async run(args, ctx) {
    if (args.positionals.length > 0) {
      throw new UsageError(`unexpected argument '${args.positionals[0]}'`, USAGE);
    }
    const { address, port } = parseListenAddr(stringFlag(args, 'listen-addr') ?? '127.0.0.1:3000');
    const dataDir = path.resolve(
      ctx.io.cwd,
      stringFlag(args, 'data-dir') ?? defaultDataDir(ctx.io.env),
    );
    const served = await serveDataDir(ctx, {
      dataDir,
      address,
      port,
      allowInsecureLocalIssuers: boolFlag(args, 'allow-insecure-local-issuers'),
    });
    ctx.io.stdout(`spacetime-local: database running in data directory ${dataDir}\n`);
    ctx.io.stdout(`Listening on ${served.url}\n`);
    await ctx.io.untilStopped();
    ctx.io.stdout('Shutting down...\n');
    await served.close();
  },
};

export interface ServeDataDirOptions {
  readonly dataDir: string;
  readonly address: string;
  readonly port: number;
  readonly allowInsecureLocalIssuers: boolean;
}

/** Opens a data directory and serves it, as `start` does (also used by `dev`). */
export async function serveDataDir(
  ctx: CommandContext,
  options: ServeDataDirOptions,
): Promise<{ url: string; close(): Promise<void> }> {
  const auth = await HostAuth.open(options.dataDir, {
    allowInsecureLocalIssuers: options.allowInsecureLocalIssuers,
  });
  const opened = await ctx.io.openHost(options.dataDir);
  let server: Awaited<ReturnType<typeof ctx.io.startServer>>;
  try {
    server = await ctx.io.startServer({
      host: opened.host,
      auth,
      port: options.port,
      listen: options.address,
    });
  } catch (error) {
    await opened.close();
    if (error instanceof ListenError) throw new CliError(error.message);
    throw error;
  }
  for (const failure of opened.failures) {
    ctx.io.stderr(`warning: a database could not be opened and is not served: ${failure}\n`);
  }
  return {
    url: server.url,
    async close() {
      await server.close();
      await opened.close();
    },
  };
}

/** `host:port`, `[v6]:port` or a bare port. */
export function parseListenAddr(text: string): { address: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(text) ?? /^()()(\d+)$/.exec(text);
  const port = Number(match?.[3]);
  if (match === null || !Number.isInteger(port) || port > 65535) {
    throw new UsageError(
      `invalid --listen-addr '${text}': expected HOST:PORT, e.g. 127.0.0.1:3000`,
      USAGE,
    );
  }
  return { address: match[1] || match[2] || '127.0.0.1', port };
}

export function defaultDataDir(env: Readonly<Record<string, string | undefined>>): string {
  const base = env.XDG_DATA_HOME || path.join(env.HOME || os.homedir(), '.local', 'share');
  return path.join(base, 'spacetime-local', 'data');
}
