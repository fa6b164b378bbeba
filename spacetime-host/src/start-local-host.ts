import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HostAuth } from './auth/host-auth.js';
import type { Clock } from './clock/clock.js';
import type { IdentityValue } from './database/database-api.js';
import { Host } from './database/host.js';
import type { RunningServer } from './http/start-server.js';
import { bundleModule } from './runtime/bundle-module.js';
import { serveHost } from './serve-host.js';

export interface LocalHostOptions {
  readonly dataDir: string;
  readonly port?: number;
  readonly listen?: string;
  readonly allowInsecureLocalIssuers?: boolean;
  /**
   * The time the databases run on (reducer timestamps, scheduled reducers):
   * the wall clock by default; tests pass a ManualClock (`@kith/spacetime-host/testing`)
   * to move time forward. Tokens are still checked against the real time.
   */
  readonly clock?: Clock;
}

export interface LocalHost {
  readonly host: Host;
  readonly auth: HostAuth;
  readonly server: RunningServer;
  /** The identity that owns what `publishFolder` publishes; its token lives in the data directory. */
  readonly owner: { readonly identity: IdentityValue; readonly token: string };
  /** Bundles a module folder and publishes (or updates) it under `name`, owned by `owner`. */
  publishFolder(
    name: string,
    moduleDir: string,
  ): Promise<{ op: 'created' | 'updated'; identity: IdentityValue }>;
  close(): Promise<void>;
}

/**
 * Starts the host the way `spacetime start` does (databases of a data
 * directory, served over SpacetimeDB's HTTP API and WebSocket protocol), for
 * `npm start`, tests and
 * benchmarks that want the whole host in their own process.
 */
export async function startLocalHost(options: LocalHostOptions): Promise<LocalHost> {
  const auth = await HostAuth.open(options.dataDir, {
    allowInsecureLocalIssuers: options.allowInsecureLocalIssuers ?? false,
  });
  const host = await Host.open({
    dataDir: options.dataDir,
    ...(options.clock !== undefined && { clock: options.clock }),
  });
  let server: RunningServer;
  try {
    server = await serveHost({
      host,
      auth,
      port: options.port ?? 3000,
      listen: options.listen ?? '127.0.0.1',
    });
  } catch (error) {
    await host.close();
    throw error;
  }
  const owner = await loadOwner(auth, options.dataDir);
  return {
    host,
    auth,
    server,
    owner,
    async publishFolder(name, moduleDir) {
      const program = await bundleModule(moduleDir);
      const result = await host.publish({
        program,
        name,
        publisher: owner.identity,
        clear: false,
      });
      return { op: result.op, identity: result.identity };
    },
    async close() {
      await server.close();
      await host.close();
    },
  };
}

/** The local owner's token, created on first start and reused after (mode 0600). */
async function loadOwner(
  auth: HostAuth,
  dataDir: string,
): Promise<{ identity: IdentityValue; token: string }> {
  const file = path.join(dataDir, 'owner-token');
  const existing = await readFile(file, 'utf8').then(
    (text) => text.trim(),
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    },
  );
  if (existing !== undefined) {
    const verified = await auth.verify(existing);
    return { identity: verified.identity, token: existing };
  }
  const issued = await auth.issueNewIdentity();
  await writeFile(file, `${issued.token}\n`, { mode: 0o600 });
  return { identity: issued.identity, token: issued.token };
}
