// The local SpacetimeDB host with the Kith module published as `kith`, in a
// process of its own, for the login benchmark: as in production, the module
// runs beside the API rather than in it, so each process's CPU can be read
// apart. Usage: node --import tsx bench/module-host-process.ts <dataDir> <port>.
// Prints one line, `ready <url>`, once the module is published; the owner's
// token stays in <dataDir>/owner-token. Stops on SIGTERM.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The part of `@kith/spacetime-host` used here. The host is imported at run
 * time only (as api/test/module-client/support/contract-host.ts does): its
 * sources are written for NodeNext, and type-checking them again under the
 * API's Bundler settings fails.
 */
interface LocalHost {
  readonly server: { readonly url: string };
  publishFolder(name: string, moduleDir: string): Promise<unknown>;
  close(): Promise<void>;
}

type StartLocalHost = (options: {
  dataDir: string;
  port: number;
  allowInsecureLocalIssuers: boolean;
}) => Promise<LocalHost>;

const HOST_PACKAGE = '@kith/spacetime-host';
const { startLocalHost } = (await import(HOST_PACKAGE)) as { startLocalHost: StartLocalHost };

const moduleDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../spacetime-module',
);
const [dataDir, port] = process.argv.slice(2);
if (dataDir === undefined || port === undefined) {
  throw new Error('usage: module-host-process.ts <dataDir> <port>');
}

const local = await startLocalHost({
  dataDir,
  port: Number(port),
  // The API's issuer is http://127.0.0.1:<port> here.
  allowInsecureLocalIssuers: true,
});
await local.publishFolder('kith', moduleDir);
process.stdout.write(`ready ${local.server.url}\n`);
process.once('SIGTERM', () => {
  void local.close().finally(() => process.exit(0));
});
