// The local SpacetimeDB host (spacetime-host) running the contract fixture
// module (or the Kith module) as database `kith`, trusting a given issuer:
// what the API meets in production, on 127.0.0.1.
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONTRACT_MODULE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../fixtures/kith-contract-module',
);
/** The Kith module itself (spacetime-module/), which implements the same contract. */
export const KITH_MODULE = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../spacetime-module',
);
export const DATABASE = 'kith';

/**
 * The part of `@kith/spacetime-host`'s startLocalHost these tests use. The
 * host is imported at run time only: its sources are written for NodeNext,
 * and type-checking them again under the API's Bundler settings fails.
 */
interface LocalHost {
  readonly server: { readonly url: string };
  readonly owner: { readonly token: string };
  publishFolder(name: string, moduleDir: string): Promise<unknown>;
  close(): Promise<void>;
}

type StartLocalHost = (options: {
  dataDir: string;
  port: number;
  allowInsecureLocalIssuers: boolean;
}) => Promise<LocalHost>;

const HOST_PACKAGE = '@kith/spacetime-host';

/** `startLocalHost` from `@kith/spacetime-host`, imported at run time (see LocalHost). */
export async function loadStartLocalHost(): Promise<StartLocalHost> {
  const host = (await import(HOST_PACKAGE)) as { startLocalHost: StartLocalHost };
  return host.startLocalHost;
}

export interface ContractHost {
  readonly url: string;
  readonly host: LocalHost;
  /** Calls a reducer over HTTP as the database owner. */
  callAsOwner(reducer: string, args: unknown[]): Promise<Response>;
  /** Rows of a public table, read with SQL as the owner. */
  sql(query: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** A port nothing listens on right now, for a host started later. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts the host on `port` (any when 0) over `dataDir`; publishes the fixture
 * and configures the issuer unless the data directory has them already.
 */
export async function startContractHost(
  dataDir: string,
  issuer: string,
  port = 0,
  moduleDir = CONTRACT_MODULE,
): Promise<ContractHost> {
  const startLocalHost = await loadStartLocalHost();
  const host = await startLocalHost({ dataDir, port, allowInsecureLocalIssuers: true });
  const url = host.server.url;
  const callAsOwner = (reducer: string, args: unknown[]) =>
    fetch(`${url}/v1/database/${DATABASE}/call/${reducer}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.owner.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
  try {
    await host.publishFolder(DATABASE, moduleDir);
    const configured = await callAsOwner('configure_auth', [issuer, 'kith']);
    if (!configured.ok)
      throw new Error(`configure_auth: ${configured.status} ${await configured.text()}`);
  } catch (error) {
    await host.close();
    throw error;
  }
  return {
    url,
    host,
    callAsOwner,
    async sql(query) {
      const response = await fetch(`${url}/v1/database/${DATABASE}/sql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${host.owner.token}`, 'content-type': 'text/plain' },
        body: query,
      });
      if (!response.ok) throw new Error(`sql: ${response.status} ${await response.text()}`);
      const [result] = (await response.json()) as {
        schema: { elements: { name: { some: string } }[] };
        rows: unknown[][];
      }[];
      if (result === undefined) return [];
      const names = result.schema.elements.map((element) => element.name.some);
      return result.rows.map((row) => Object.fromEntries(names.map((name, i) => [name, row[i]])));
    },
    close: () => host.close(),
  };
}
