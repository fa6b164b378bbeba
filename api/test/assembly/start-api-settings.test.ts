// startApi with operator settings: keys from OIDC_SIGNING_KEYS sign the
// tokens and no secret reaches the log; a bad key setting stops the start
// before the database is touched, naming the setting and not its value; a
// start that fails half-way closes what it opened (seen on PostgreSQL).
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config.js';
import { generateSigningJwk } from '../../src/oidc/signing-key.js';
import { startApi } from '../../src/start-api.js';
import { captureLogs } from '../support/log-capture.js';
import { createTestDatabase, testDatabaseKinds } from '../support/test-database.js';
import { signUpFirstAdmin, startFullApi } from './support/full-api.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kith-start-settings-'));
  dirs.push(dir);
  return dir;
}

describe('startApi with operator settings', () => {
  it('signs with the keys from OIDC_SIGNING_KEYS and logs no secret', async () => {
    const jwk = await generateSigningJwk();
    const s3Secret = 'hunter2-s3-secret-value';
    const api = await startFullApi({
      kind: 'pglite',
      env: {
        OIDC_SIGNING_KEYS: JSON.stringify([jwk]),
        S3_BUCKET: 'kith-media',
        S3_ENDPOINT: 'http://127.0.0.1:9',
        S3_ACCESS_KEY_ID: 'access-key-id',
        S3_SECRET_ACCESS_KEY: s3Secret,
        S3_PUBLIC_BASE_URL: 'https://media.kith.example',
      },
    });
    try {
      const jwks = (await (await fetch(`${api.url}/.well-known/jwks.json`)).json()) as {
        keys: { kid: string }[];
      };
      expect(jwks.keys.map((key) => key.kid)).toEqual([jwk.kid]);
      const admin = await signUpFirstAdmin(api);
      const issued = await fetch(`${api.url}/v1/auth/token`, {
        method: 'POST',
        headers: { authorization: admin.authorization },
      });
      const { token } = (await issued.json()) as { token: string };
      expect(decodeProtectedHeader(token).kid).toBe(jwk.kid);
      // Keys from the setting: none are written to the data directory.
      expect(await readdir(api.dataDir)).not.toContain('api-keys');
      const log = api.logs.text();
      expect(log).toContain('API listening');
      expect(log).not.toContain(String(jwk.d));
      expect(log).not.toContain(s3Secret);
    } finally {
      await api.close();
    }
  });

  it('refuses a bad OIDC_SIGNING_KEYS before opening the database, without echoing it', async () => {
    const dataDir = await tempDir();
    const { kid: _kid, ...withoutKid } = await generateSigningJwk();
    const config = readConfig({
      KITH_DATA_DIR: dataDir,
      PORT: '0',
      OIDC_SIGNING_KEYS: JSON.stringify([withoutKid]),
    });
    const failure = await startApi(config, { logger: captureLogs().logger }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ConfigError);
    expect(String((failure as Error).message)).toMatch(/OIDC_SIGNING_KEYS\[0\]/);
    expect(String((failure as Error).message)).not.toContain(String(withoutKid.d));
    expect(await readdir(dataDir)).toEqual([]);
  });

  // PGlite shows nothing of a connection left open; PostgreSQL lists it.
  it.skipIf(!testDatabaseKinds().includes('postgres'))(
    'closes its database connections when it cannot listen (PostgreSQL)',
    async () => {
      const database = await createTestDatabase('postgres');
      const taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      const { port } = taken.address() as { port: number };
      const url = new URL(database.url ?? '');
      url.searchParams.set('application_name', 'kith-failed-start');
      const connections = async () => {
        const { rows } = await sql<{ count: number }>`
          SELECT count(*)::int AS count FROM pg_stat_activity
          WHERE application_name = 'kith-failed-start'`.execute(database.db);
        return rows[0]?.count;
      };
      try {
        const config = readConfig({
          KITH_DATA_DIR: await tempDir(),
          HOST: '127.0.0.1',
          PORT: String(port),
          DATABASE_URL: url.href,
          LOG_LEVEL: 'silent',
        });
        await expect(startApi(config)).rejects.toThrow(/EADDRINUSE/);
        expect(await connections()).toBe(0);
      } finally {
        await new Promise((resolve) => taken.close(resolve));
        await database.close();
      }
    },
  );

  it('npm start -w api with a bad OIDC_SIGNING_KEYS exits 1 naming it, without a stack trace', async () => {
    const dataDir = await tempDir();
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: path.join(import.meta.dirname, '../..'),
      env: {
        ...process.env,
        KITH_DATA_DIR: dataDir,
        PORT: '0',
        DATABASE_URL: '',
        OIDC_SIGNING_KEYS: '{"d":"hunter2-private"',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Invalid configuration:');
    expect(result.stderr).toMatch(/OIDC_SIGNING_KEYS is not JSON/);
    expect(result.stderr).not.toContain('hunter2');
    expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
