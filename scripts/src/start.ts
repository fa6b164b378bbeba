// Starts Kith on embedded defaults: the local SpacetimeDB host with the Kith
// module published as `kith`. Later issues add the API and the web app here.
import path from 'node:path';
import { startLocalHost } from '@kith/spacetime-host';
import { readStartSettings, repoRoot } from './start-settings.js';

const settings = readStartSettings(process.env);
const stdbDir = path.join(settings.dataDir, 'stdb');

const local = await startLocalHost({ dataDir: stdbDir, port: settings.spacetimePort });
const published = await local.publishFolder('kith', path.join(repoRoot, 'spacetime-module'));

console.log(`
Kith is running.
  SpacetimeDB host   ${local.server.url}   (database "kith", ${published.op})
  data directory     ${settings.dataDir}
  owner token        ${path.join(stdbDir, 'owner-token')}

Try: npx spacetime-local sql -s ${local.server.url} kith "SELECT * FROM account"
Press Ctrl+C to stop.
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log('Stopping Kith...');
    local.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
