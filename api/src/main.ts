// Runs the API alone (`npm start -w api`): settings from the environment, a
// clear message and exit code 1 for a bad setting. Relative paths (the data
// directory, the web app's build) resolve against the repository root, as
// they do under `npm start`, so both find the same .data/ and web/dist/.
import path from 'node:path';
import { ConfigError, readConfig } from './config.js';
import { type StartedApi, startApi } from './start-api.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

let api: StartedApi;
try {
  // startApi refuses some settings too: OIDC_SIGNING_KEYS is checked when its keys are imported.
  api = await startApi(readConfig(process.env, repoRoot));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
if (api.adminInviteUrl !== undefined) {
  console.log(`\nNo accounts yet. Sign up as the admin: ${api.adminInviteUrl}\n`);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    api.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
