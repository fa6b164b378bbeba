// The local SpacetimeDB host with the Kith module published as `kith`, in a
// process of its own, for the login benchmark: as in production, the module
// runs beside the API rather than in it, so each process's CPU can be read
// apart. Usage: node --import tsx bench/module-host-process.ts <dataDir> <port>.
// Prints one line, `ready <url>`, once the module is published; the owner's
// token stays in <dataDir>/owner-token. Stops on SIGTERM.
import {
  DATABASE,
  KITH_MODULE,
  loadStartLocalHost,
} from '../test/module-client/support/contract-host.js';

const [dataDir, port] = process.argv.slice(2);
if (dataDir === undefined || port === undefined) {
  throw new Error('usage: module-host-process.ts <dataDir> <port>');
}

const startLocalHost = await loadStartLocalHost();
const local = await startLocalHost({
  dataDir,
  port: Number(port),
  // The API's issuer is http://127.0.0.1:<port> here.
  allowInsecureLocalIssuers: true,
});
await local.publishFolder(DATABASE, KITH_MODULE);
process.stdout.write(`ready ${local.server.url}\n`);
process.once('SIGTERM', () => {
  void local.close().finally(() => process.exit(0));
});
