// `npm run dev`: the module developer's loop for Kith. The local host serves
// the data directory; every change to spacetime-module/ (or to the shared/
// code it imports) is rebuilt, republished (keeping data when the change is
// compatible, explaining when it is not) and its bindings regenerated into
// shared/module_bindings, which the API and the web app import; the API
// restarts on its own changes and Vite hot-reloads the web app.
import path from 'node:path';
import { startLocalHost } from '@kith/spacetime-host';
import { loadProjectConfig, startDevSession } from '@kith/spacetime-host/dev';
import { configureModuleAuth } from './configure-module-auth.js';
import { startDevApps } from './dev-apps.js';
import { readStartSettings, repoRoot } from './start-settings.js';

const settings = readStartSettings(process.env);
const project = await loadProjectConfig(repoRoot, 'dev');
if (project?.database === undefined || project.modulePath === undefined) {
  throw new Error(`${repoRoot}/spacetime.json must name the database and the module-path`);
}
const { database, modulePath } = project;

const local = await startLocalHost({
  dataDir: path.join(settings.dataDir, 'stdb'),
  port: settings.spacetimePort,
  allowInsecureLocalIssuers: true,
});
const session = await startDevSession({
  serverUrl: local.server.url,
  token: local.owner.token,
  database,
  modulePath,
  watch: [path.join(modulePath, 'src'), path.join(repoRoot, 'shared/src')],
  generate: project.generate,
  afterPublish: () =>
    configureModuleAuth({
      serverUrl: local.server.url,
      database,
      ownerToken: local.owner.token,
      issuer: settings.publicUrl,
      audience: 'kith',
    }),
  io: {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    // Dev never deletes data on its own; --delete-data is spacetime-local dev's.
    prompt: async () => undefined,
  },
});

const apps = startDevApps({
  ...process.env,
  KITH_DATA_DIR: settings.dataDir,
  PUBLIC_URL: settings.publicUrl,
  SPACETIME_URL: local.server.url,
  SPACETIME_DATABASE: database,
  // Where the Vite server proxies the API's paths (web/vite.config.ts).
  KITH_API_URL: settings.publicUrl,
  TRUSTED_ORIGINS: [process.env.TRUSTED_ORIGINS, settings.devWebOrigin].filter(Boolean).join(','),
});

console.log(`
Kith dev loop is running.
  web app (Vite)     ${settings.devWebOrigin}
  API                ${settings.publicUrl}
  SpacetimeDB host   ${local.server.url}   (database "${database}": ${session.first.kind})
  data directory     ${settings.dataDir}
Edit spacetime-module/src and save: the module is republished and the bindings regenerated.
Press Ctrl+C to stop.
`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log('Stopping...');
    Promise.all([session.close(), apps.stop()])
      .then(() => local.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  });
}
