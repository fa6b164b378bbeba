// The ban check when the module cannot give an answer: a module without the
// service_ban view (older than the API), a database that is not published, a
// host that accepts the connection and never answers. Each lets the person in
// and logs why; the SQL client itself reports each as a ModuleQueryError.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepBannedAccounts } from '../../src/accounts/bans/sweep-banned-accounts.js';
import { createBanCheck } from '../../src/module-client/create-ban-check.js';
import { ModuleBanCheck } from '../../src/module-client/module-ban-check.js';
import { createModuleSql, ModuleQueryError } from '../../src/module-client/module-sql.js';
import { openTestDatabase, type TestDatabase } from '../media/support/test-database.js';
import { type ServedIssuer, serveOidcIssuer } from '../oidc/support/serve-oidc-issuer.js';
import { captureLogs } from '../support/log-capture.js';
import { type ContractHost, DATABASE, startContractHost } from './support/contract-host.js';

const LETTING_IN = 'could not ask the module whether the account is banned; letting it in';
const SWEEP_SKIPPED = 'ban sweep: could not ask the module for bans; trying next round';

describe('the ban check when the module cannot answer', () => {
  let database: TestDatabase;
  let issuer: ServedIssuer;
  let host: ContractHost;
  let dataDir: string;
  let silent: Server;
  let silentUrl: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    issuer = await serveOidcIssuer(database.db);
    dataDir = await mkdtemp(path.join(tmpdir(), 'kith-ban-check-'));
    // The contract fixture module: the API's contract without service_ban.
    host = await startContractHost(dataDir, issuer.url);
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent?.close(resolve));
    await host?.close();
    await issuer?.close();
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const serviceToken = async () => (await issuer.tokens.issueServiceToken()).token;

  it.each([
    ['a module without the service_ban view', () => DATABASE, /sql: 400 /],
    ['a database that is not published', () => 'no-such-database', /sql: 404 /],
  ])('lets the person in, with a warning, on %s', async (_case, databaseName, status) => {
    const sql = createModuleSql({
      baseUrl: host.url,
      database: databaseName(),
      token: serviceToken,
      timeoutMs: 2_000,
    });
    await expect(sql("SELECT * FROM service_ban WHERE user_id = 'x'")).rejects.toThrow(
      ModuleQueryError,
    );
    await expect(sql("SELECT * FROM service_ban WHERE user_id = 'x'")).rejects.toThrow(status);

    const logs = captureLogs();
    const check = createBanCheck({
      spacetimeUrl: host.url,
      spacetimeDatabase: databaseName(),
      tokens: issuer.tokens,
      logger: logs.logger,
    });
    const userId = randomUUID();
    expect(await check.banOf(userId)).toBeUndefined();
    const [warning] = logs.records().filter((record) => record.msg === LETTING_IN);
    expect(warning).toMatchObject({ level: 'warn', userId });
    expect(String((warning?.err as { message?: string })?.message)).toMatch(status);
  });

  it('gives up on a host that never answers after its timeout', async () => {
    const sql = createModuleSql({
      baseUrl: silentUrl,
      database: DATABASE,
      token: serviceToken,
      timeoutMs: 200,
    });
    await expect(sql('SELECT * FROM service_ban')).rejects.toThrow(ModuleQueryError);
    const logs = captureLogs();
    expect(await new ModuleBanCheck(sql, logs.logger).banOf(randomUUID())).toBeUndefined();
    expect(logs.records().map((record) => record.msg)).toContain(LETTING_IN);
  });

  it('reports a host that is not there', async () => {
    const sql = createModuleSql({
      baseUrl: 'http://127.0.0.1:1',
      database: DATABASE,
      token: serviceToken,
      timeoutMs: 2_000,
    });
    await expect(sql('SELECT * FROM service_ban')).rejects.toThrow(ModuleQueryError);
  });

  it.each([
    ['a module without the service_ban view', () => host.url, /sql: 400 /],
    ['a host that never answers', () => silentUrl, /aborted|timeout/i],
  ])('the ban sweep changes nothing, with a warning, on %s', async (_case, baseUrl, why) => {
    const logs = captureLogs();
    const sql = createModuleSql({
      baseUrl: baseUrl(),
      database: DATABASE,
      token: serviceToken,
      timeoutMs: 200,
    });
    const bans = new ModuleBanCheck(sql, logs.logger);
    await expect(bans.allBans()).rejects.toThrow(ModuleQueryError);
    const { db } = database;
    const before = await db.selectFrom('sessions').select('id').execute();
    expect(await sweepBannedAccounts({ db, bans, logger: logs.logger })).toEqual({
      kind: 'module_unreachable',
    });
    expect(await db.selectFrom('sessions').select('id').execute()).toEqual(before);
    const [warning] = logs.records().filter((record) => record.msg === SWEEP_SKIPPED);
    expect(warning).toMatchObject({ level: 'warn' });
    expect(String((warning?.err as { message?: string })?.message)).toMatch(why);
  });
});
