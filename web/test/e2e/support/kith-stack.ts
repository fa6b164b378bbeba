// The real Kith stack for end-to-end tests, started as `npm start` starts it
// (startKith), on free ports and a fresh data directory, serving the web app
// just built into that directory.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startKith } from '../../../../scripts/src/start-kith.js';
import { buildWeb } from './build-web.js';
import { freePort } from './free-port.js';

export interface KithStack {
  readonly webUrl: string;
  readonly adminInviteUrl: string;
  /** The local SpacetimeDB host, and its owner's token file, for tests that publish to it. */
  readonly spacetimeUrl: string;
  readonly ownerTokenFile: string;
  close(): Promise<void>;
}

export async function startKithStack(): Promise<KithStack> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kith-web-e2e-'));
  try {
    const [spacetimePort, apiPort] = [await freePort(), await freePort()];
    const webDistDir = path.join(dataDir, 'web-dist');
    await buildWeb(webDistDir);
    // Only these settings: a DATABASE_URL (CI sets one for the API's tests)
    // or SPACETIME_URL from the caller's environment would make it not fresh.
    const kith = await startKith({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      KITH_DATA_DIR: dataDir,
      SPACETIME_PORT: String(spacetimePort),
      PORT: String(apiPort),
      PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
      LOG_LEVEL: 'warn',
      WEB_DIST_DIR: webDistDir,
    });
    if (kith.adminInviteUrl === undefined) {
      await kith.close();
      throw new Error('a fresh Kith gave no first-admin invite link');
    }
    return {
      webUrl: kith.webUrl,
      adminInviteUrl: kith.adminInviteUrl,
      spacetimeUrl: kith.spacetimeUrl,
      // Always set: the stack runs its own local host (no SPACETIME_URL).
      ownerTokenFile: kith.ownerTokenFile ?? '',
      async close() {
        await kith.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
