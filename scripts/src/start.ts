// `npm start`: Kith on embedded defaults (see start-kith.ts), until Ctrl+C.
import { ConfigError, startKith } from './start-kith.js';
import { ensureWebBuild } from './web-build.js';

// Only the default web/dist is built here; a WEB_DIST_DIR of one's own is one's own to build.
if (process.env.WEB_DIST_DIR === undefined || process.env.WEB_DIST_DIR === '') ensureWebBuild();

let kith: Awaited<ReturnType<typeof startKith>>;
try {
  kith = await startKith(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const lines = [
  '',
  'Kith is running.',
  `  Kith (web app)     ${kith.webUrl}`,
  `  API docs           ${kith.webUrl}/docs`,
  `  SpacetimeDB        ${kith.spacetimeUrl}   (database "kith"${kith.moduleOp === undefined ? '' : `, ${kith.moduleOp}`})`,
  `  data directory     ${kith.dataDir}`,
];
if (kith.ownerTokenFile !== undefined) {
  lines.push(`  owner token        ${kith.ownerTokenFile}`);
}
if (kith.adminInviteUrl !== undefined) {
  lines.push(
    '',
    'No accounts yet. Open this link to sign up as the admin:',
    `  ${kith.adminInviteUrl}`,
  );
}
lines.push('', 'Press Ctrl+C to stop.', '');
console.log(lines.join('\n'));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log('Stopping Kith...');
    kith.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
