// The real host (HTTP API, WebSocket route, subscription engine) with the
// Kith module published by an owner identity the host minted, and the owner's
// configure_auth call pointing it at a test issuer.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleModule } from '../../../spacetime-host/src/runtime/bundle-module.js';
import type { ManualClock } from '../../../spacetime-host/src/testing.js';
import { type HostServer, startHostServer } from './host-runtime.js';
import { AUDIENCE, KithIssuer } from './kith-issuer.js';

export const KITH_DB = 'kith';

const moduleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let bundle: Promise<string> | undefined;

/** The module bundled as `spacetime build` would, once per test file. */
export function kithBundle(): Promise<string> {
  bundle ??= bundleModule(moduleDir);
  return bundle;
}

export interface CallResult {
  readonly ok: boolean;
  readonly status: number;
  /** The reducer's error message when it failed. */
  readonly text: string;
}

export interface KithServer {
  readonly url: string;
  readonly realtime: HostServer;
  readonly issuer: KithIssuer;
  readonly ownerToken: string;
  /** Calls a reducer over HTTP as SpacetimeDB's `/call` route, arguments in order. */
  call(token: string, reducer: string, args: readonly unknown[]): Promise<CallResult>;
  /** SQL over HTTP; rows as objects keyed by column name. */
  sql(token: string, query: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export interface KithServerOptions {
  /** Call configure_auth with the test issuer (default true). */
  readonly configure?: boolean;
  /** Run the module on a test clock that the test moves (reducer timestamps, scheduled reducers). */
  readonly clock?: ManualClock;
}

export async function startKithServer(
  dataDir: string,
  options: KithServerOptions = {},
): Promise<KithServer> {
  const issuer = new KithIssuer();
  await issuer.start();
  const realtime = await startHostServer(dataDir, options.clock);
  const owner = await realtime.auth.issueNewIdentity();
  await realtime.host.publish({
    program: await kithBundle(),
    name: KITH_DB,
    publisher: owner.identity,
    clear: false,
  });
  const server: KithServer = {
    url: realtime.url,
    realtime,
    issuer,
    ownerToken: owner.token,
    call: (token, reducer, args) => callOverHttp(realtime.url, token, reducer, args),
    sql: (token, query) => sqlOverHttp(realtime.url, token, query),
    close: async () => {
      await realtime.close();
      await issuer.stop();
    },
  };
  if (options.configure !== false) {
    const result = await server.call(owner.token, 'configure_auth', [issuer.url, AUDIENCE]);
    if (!result.ok) throw new Error(`configure_auth failed: ${result.status} ${result.text}`);
  }
  return server;
}

async function callOverHttp(
  url: string,
  token: string,
  reducer: string,
  args: readonly unknown[],
): Promise<CallResult> {
  const response = await fetch(`${url}/v1/database/${KITH_DB}/call/${reducer}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(args, (_key, value) =>
      typeof value === 'bigint' ? value.toString() : value,
    ),
  });
  return { ok: response.ok, status: response.status, text: await response.text() };
}

async function sqlOverHttp(
  url: string,
  token: string,
  query: string,
): Promise<Record<string, unknown>[]> {
  const response = await fetch(`${url}/v1/database/${KITH_DB}/sql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
    body: query,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`SQL refused (${response.status}): ${text}`);
  const [result] = JSON.parse(text) as {
    schema: { elements: { name: { some: string } }[] };
    rows: unknown[][];
  }[];
  if (result === undefined) return [];
  const names = result.schema.elements.map((element) => element.name.some);
  return result.rows.map((row) => Object.fromEntries(names.map((name, i) => [name, row[i]])));
}
