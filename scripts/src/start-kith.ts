// Kith's whole stack in this process, as `npm start` runs it and the
// end-to-end tests start it: the local SpacetimeDB host with the module
// published as `kith` and told to trust the API's tokens, then the API
// (which also serves the built web app). With SPACETIME_URL set, the module
// runs on that SpacetimeDB instead and no local host is started.
import path from 'node:path';
import { ConfigError, readConfig, startApi } from '@kith/api';
import { type LocalHost, startLocalHost } from '@kith/spacetime-host';
import { configureModuleAuth } from './configure-module-auth.js';
import { readStartSettings, repoRoot } from './start-settings.js';

export const KITH_DATABASE = 'kith';

export interface RunningKith {
  /** Where people open Kith: the API's public URL, which serves the web app. */
  readonly webUrl: string;
  readonly apiUrl: string;
  /** The SpacetimeDB server the module runs on. */
  readonly spacetimeUrl: string;
  /** The local host's owner token file; undefined on a real SpacetimeDB. */
  readonly ownerTokenFile: string | undefined;
  /** What publishing did to the local database: created, updated; undefined on a real SpacetimeDB. */
  readonly moduleOp: 'created' | 'updated' | undefined;
  /** The first-admin sign-up link, while there are no accounts yet. */
  readonly adminInviteUrl: string | undefined;
  readonly dataDir: string;
  close(): Promise<void>;
}

/**
 * Starts Kith from settings given as environment variables (the README lists
 * them). Throws `ConfigError` naming a bad setting before starting anything.
 */
export async function startKith(env: NodeJS.ProcessEnv): Promise<RunningKith> {
  const settings = readStartSettings(env);
  const remoteSpacetime = env.SPACETIME_URL !== undefined && env.SPACETIME_URL !== '';
  let local: LocalHost | undefined;
  let moduleOp: 'created' | 'updated' | undefined;
  const stdbDir = path.join(settings.dataDir, 'stdb');
  if (!remoteSpacetime) {
    local = await startLocalHost({
      dataDir: stdbDir,
      port: settings.spacetimePort,
      // The API's issuer is http://127.0.0.1:8080 on a developer's machine.
      allowInsecureLocalIssuers: true,
    });
  }
  try {
    const spacetimeUrl = local?.server.url ?? (env.SPACETIME_URL as string).replace(/\/+$/, '');
    const config = readConfig(
      {
        ...env,
        KITH_DATA_DIR: settings.dataDir,
        PUBLIC_URL: settings.publicUrl,
        SPACETIME_URL: spacetimeUrl,
        SPACETIME_DATABASE: KITH_DATABASE,
      },
      repoRoot,
    );
    if (local !== undefined) {
      moduleOp = (await local.publishFolder(KITH_DATABASE, path.join(repoRoot, 'spacetime-module')))
        .op;
      await configureModuleAuth({
        serverUrl: local.server.url,
        database: KITH_DATABASE,
        ownerToken: local.owner.token,
        issuer: config.publicUrl,
        audience: 'kith',
      });
    }
    const api = await startApi(config);
    return {
      webUrl: config.publicUrl,
      apiUrl: api.url,
      spacetimeUrl,
      ownerTokenFile: local === undefined ? undefined : path.join(stdbDir, 'owner-token'),
      moduleOp,
      adminInviteUrl: api.adminInviteUrl,
      dataDir: settings.dataDir,
      async close() {
        await api.close();
        await local?.close();
      },
    };
  } catch (error) {
    await local?.close();
    throw error;
  }
}

export { ConfigError };
