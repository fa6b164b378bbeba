// Runs the API alone (`npm start -w api`): settings from the environment, a
// clear message and exit code 1 for a bad setting.
import { ConfigError, readConfig } from './config.js';
import { startApi } from './start-api.js';

let config: ReturnType<typeof readConfig>;
try {
  config = readConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const api = await startApi(config);
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
