// The API as `npm start` runs it: startApi(readConfig(env)) listening on a
// real 127.0.0.1 port, with a data directory of its own, on PGlite (in that
// directory) or on a fresh PostgreSQL database.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Config, readConfig } from '../../../src/config.js';
import { type StartedApi, startApi } from '../../../src/start-api.js';
import { freePort } from '../../module-client/support/contract-host.js';
import { type CapturedLogs, captureLogs } from '../../support/log-capture.js';
import { TEST_PASSWORD } from '../../support/test-api.js';
import {
  createTestDatabase,
  type TestDatabase,
  type TestDatabaseKind,
} from '../../support/test-database.js';

export interface FullApi {
  /** PUBLIC_URL, where the API listens too. */
  readonly url: string;
  readonly config: Config;
  readonly started: StartedApi;
  readonly dataDir: string;
  readonly logs: CapturedLogs;
  /** The PostgreSQL database (postgres only), for looking at rows directly. */
  readonly database: TestDatabase | undefined;
  close(): Promise<void>;
}

/** A port for an API started later, and the PUBLIC_URL that goes with it. */
export async function reservePublicUrl(): Promise<{ port: number; publicUrl: string }> {
  const port = await freePort();
  return { port, publicUrl: `http://127.0.0.1:${port}` };
}

export async function startFullApi(options: {
  readonly kind: TestDatabaseKind;
  readonly port?: number;
  readonly env?: Readonly<Record<string, string>>;
}): Promise<FullApi> {
  const port = options.port ?? (await freePort());
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kith-full-api-'));
  const database = options.kind === 'postgres' ? await createTestDatabase('postgres') : undefined;
  const logs = captureLogs();
  try {
    const config = readConfig({
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      KITH_DATA_DIR: dataDir,
      DATABASE_URL: database?.url ?? '',
      // Nothing listens there unless a test says otherwise: calls wait in the outbox.
      SPACETIME_URL: 'http://127.0.0.1:9',
      WEB_DIST_DIR: path.join(dataDir, 'no-web-build'),
      ...options.env,
    });
    const started = await startApi(config, { logger: logs.logger });
    return {
      url: started.url,
      config,
      started,
      dataDir,
      logs,
      database,
      async close() {
        await started.close();
        await database?.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

export interface BearerUser {
  readonly id: string;
  readonly username: string;
  readonly authorization: string;
}

/** Signs the first account up with the first-admin link, as a bearer client. */
export function signUpFirstAdmin(api: FullApi, username = 'first_admin'): Promise<BearerUser> {
  const code = new URL(api.started.adminInviteUrl ?? '').searchParams.get('invite');
  return signUpBearer(api, code ?? '', username);
}

/** Has `inviter` create an invite and signs a member up with it, as a bearer client. */
export async function signUpMember(
  api: FullApi,
  inviter: BearerUser,
  username: string,
): Promise<BearerUser> {
  const invite = await fetch(`${api.url}/v1/invites`, {
    method: 'POST',
    headers: { authorization: inviter.authorization, 'content-type': 'application/json' },
    body: '{}',
  });
  if (invite.status !== 201) throw new Error(`invite: ${invite.status} ${await invite.text()}`);
  const { code } = (await invite.json()) as { code: string };
  return signUpBearer(api, code, username);
}

async function signUpBearer(api: FullApi, code: string, username: string): Promise<BearerUser> {
  const response = await fetch(`${api.url}/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      inviteCode: code,
      username,
      password: TEST_PASSWORD,
      session: 'bearer',
    }),
  });
  if (response.status !== 201) {
    throw new Error(`sign-up: ${response.status} ${await response.text()}`);
  }
  const body = (await response.json()) as { user: { id: string }; token: string };
  return { id: body.user.id, username, authorization: `Bearer ${body.token}` };
}
