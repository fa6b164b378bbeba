import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BinaryReader } from 'spacetimedb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityToHex } from '../../src/auth/identity.js';
import { startTestServer, type TestServer } from '../http/http-test-server.js';
import { type BinResult, runBin } from './run-bin.js';

/** A port nothing listens on: one the OS just handed out and took back. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('spacetime-local against a running host', () => {
  let server: TestServer;
  let dir: string;
  let configFile: string;
  let cli: (args: string[], input?: string) => Promise<BinResult>;

  beforeAll(async () => {
    server = await startTestServer();
    dir = await mkdtemp(path.join(tmpdir(), 'spacetime-local-cli-'));
    configFile = path.join(dir, 'config', 'cli.json');
    await writeFile(path.join(dir, 'bundle.js'), 'export default "prebuilt";\n');
    cli = (args, input) =>
      runBin(args, {
        cwd: dir,
        env: { SPACETIME_LOCAL_CONFIG: configFile, SPACETIME_LOCAL_SERVER: server.url },
        ...(input === undefined ? {} : { input }),
      });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function savedIdentity(): Promise<string> {
    const config = JSON.parse(await readFile(configFile, 'utf8'));
    const token = config.servers[server.url].token as string;
    return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).hex_identity;
  }

  it('publishes a prebuilt bundle, logging in on first use', async () => {
    const result = await cli(['publish', 'chat', '--js-path', 'bundle.js']);
    expect(result.stderr).toMatch(
      /^Logged in to http:\/\/127\.0\.0\.1:\d+ with identity c200[0-9a-f]{60}\n$/,
    );
    expect(result.code).toBe(0);
    const database = server.host.find('chat')!;
    expect(database.program).toBe('export default "prebuilt";\n');
    expect(result.stdout).toContain('Publishing module...');
    expect(result.stdout).toContain(
      `Created new database with name: chat, identity: ${identityToHex(database.identity)}`,
    );
    expect(identityToHex(database.owner)).toBe(await savedIdentity());
    const mode = (await import('node:fs')).statSync(configFile).mode;
    expect(mode & 0o077).toBe(0);
  });

  it('updates with the same identity, after the migration check', async () => {
    const identity = await savedIdentity();
    const result = await cli(['publish', 'chat', '-j', 'bundle.js']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Checking for breaking changes...');
    expect(result.stdout).toMatch(/Updated database with name: chat, identity: [0-9a-f]{64}/);
    expect(await savedIdentity()).toBe(identity);
  });

  it('bundles a module folder like spacetime build', async () => {
    const moduleDir = path.join(dir, 'my-module');
    await mkdir(path.join(moduleDir, 'src'), { recursive: true });
    await writeFile(path.join(moduleDir, 'package.json'), '{"type": "module"}');
    await writeFile(
      path.join(moduleDir, 'src', 'greeting.ts'),
      'export const greeting: string = "hi";\n',
    );
    await writeFile(
      path.join(moduleDir, 'src', 'index.ts'),
      'import { greeting } from "./greeting";\nexport default greeting;\n',
    );
    const result = await cli(['publish', 'folder-db', '--module-path', 'my-module']);
    expect(result.code).toBe(0);
    const program = server.host.find('folder-db')!.program;
    expect(program).toContain('"hi"');
    expect(program).toContain('sourceMappingURL=data:application/json');
  });

  it('asks before deleting data, and does it with --yes', async () => {
    const refused = await cli(['publish', 'chat', '-j', 'bundle.js', '--delete-data']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(
      'This will DESTROY the current chat module, and ALL corresponding data.',
    );
    expect(refused.stderr).toContain('Error: Aborted.');
    expect(server.host.find('chat')!.cleared).toBe(0);

    const typed = await cli(['publish', 'chat', '-j', 'bundle.js', '-c'], 'y\n');
    expect(typed.code).toBe(0);
    expect(server.host.find('chat')!.cleared).toBe(1);

    const forced = await cli(['publish', 'chat', '-j', 'bundle.js', '--delete-data', '--yes']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('Skipping confirmation due to --yes');
    expect(server.host.find('chat')!.cleared).toBe(2);
  });

  it('reports a bad name, a missing module and a failed publish with exit code 1', async () => {
    const badName = await cli(['publish', 'Bad_Name', '-j', 'bundle.js']);
    expect(badName.code).toBe(1);
    expect(badName.stderr).toBe('Error: invalid characters in database name\n');

    const missing = await cli(['publish', 'x', '--module-path', 'nowhere']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Error: Project path does not exist: .*nowhere\n$/);

    await writeFile(path.join(dir, 'bad.js'), 'bad module');
    const failed = await cli(['publish', 'broken', '-j', 'bad.js']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe(
      'Error: Failed to create or update the database: module failed to load (HTTP 400 Bad Request)\n',
    );
  });

  it('calls reducers with the real CLI argument conveniences', async () => {
    const database = server.host.find('chat')!;
    const result = await cli(['call', 'chat', 'add', 'Ada', '36']);
    expect(result.code).toBe(0);
    const call = database.calls.filter((c) => c.kind === 'reducer').at(-1)!;
    const reader = new BinaryReader(call.args!);
    expect([reader.readString(), reader.readU8()]).toEqual(['Ada', 36]);
    expect(identityToHex(call.caller.identity)).toBe(await savedIdentity());
  });

  it('prints a procedure result and reducer failures', async () => {
    const procedure = await cli(['call', 'chat', 'get_answer', 'why']);
    expect(procedure.code).toBe(0);
    expect(procedure.stdout).toBe('[3]\n');

    const failed = await cli(['call', 'chat', 'fail']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe('Error: nope, not today (HTTP 530)\n');
  });

  it('explains unknown functions and wrong argument counts', async () => {
    const unknown = await cli(['call', 'chat', 'nothing']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No such reducer OR procedure `nothing` for database `chat`');
    expect(unknown.stderr).toContain('Here are some existing reducers:\n- add\n- fail');
    expect(unknown.stderr).toContain('Here are some existing procedures:\n- get_answer');

    const count = await cli(['call', 'chat', 'add', 'Ada']);
    expect(count.code).toBe(1);
    expect(count.stderr).toContain('2 parameters were expected, but 1 were provided.');
    expect(count.stderr).toContain('add(name: string, age: u8)');
  });

  it('prints SQL results as a psql table, or JSON', async () => {
    const table = await cli(['sql', 'chat', 'SELECT * FROM person']);
    expect(table.code).toBe(0);
    expect(table.stdout).toBe(' id | name\n----+---------\n 1  | "Alice"\n 2  | "Bob"\n');
    const json = await cli(['sql', 'chat', 'SELECT', '*', 'FROM', 'person', '--format', 'json']);
    expect(JSON.parse(json.stdout)[0].rows).toEqual([
      [1, 'Alice'],
      [2, 'Bob'],
    ]);
    const refused = await cli(['sql', 'chat', 'SELECT * FROM nowhere']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('Error: `nowhere` is not a valid table (HTTP 400 Bad Request)\n');
  });

  it('prints logs as text or JSON lines', async () => {
    const database = server.host.find('chat')!;
    database.records.length = 0;
    database.log('info', 'first');
    database.log('warn', 'second');
    const text = await cli(['logs', 'chat']);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')).toEqual([
      expect.stringMatching(/^2023-11-14T22:13:20(\.\d+)?Z {2}INFO: add src\/index\.ts:7: first$/),
      expect.stringMatching(/ WARN: add src\/index\.ts:7: second$/),
      '',
    ]);
    const last = await cli(['logs', 'chat', '-n', '1', '--format', 'json']);
    expect(JSON.parse(last.stdout)).toMatchObject({ level: 'Warn', message: 'second' });
  });

  it('describes a database as JSON or as a summary', async () => {
    const json = await cli(['describe', 'chat', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).sections[0].Typespace).toBeDefined();
    const reducer = await cli(['describe', 'chat', 'reducer', 'add', '--json']);
    expect(JSON.parse(reducer.stdout).source_name).toBe('add');
    const summary = await cli(['describe', 'chat']);
    expect(summary.stdout).toContain('  person (public): id: u32, name: string');
    expect(summary.stdout).toContain('  add(name: string, age: u8)');
    expect(summary.stdout).toContain('  init() [Init]');
    expect(summary.stdout).toContain('  get_answer(question: string) [procedure]');
  });

  it('deletes a database after confirmation', async () => {
    await cli(['publish', 'temporary', '-j', 'bundle.js']);
    const refused = await cli(['delete', 'temporary']);
    expect(refused.code).toBe(1);
    expect(server.host.find('temporary')).toBeDefined();
    const deleted = await cli(['delete', 'temporary', '--yes']);
    expect(deleted.code).toBe(0);
    expect(server.host.find('temporary')).toBeUndefined();
  });

  it('gets a new identity, with a notice, when the host signs with a new key', async () => {
    const config = JSON.parse(await readFile(configFile, 'utf8'));
    config.servers[server.url].publicKey = 'a key from a previous life';
    await writeFile(configFile, JSON.stringify(config));
    const before = await savedIdentity();
    const result = await cli(['sql', 'chat', 'SELECT * FROM person']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/signs with a new key .* getting a new one/);
    expect(await savedIdentity()).not.toBe(before);
  });

  it('fails clearly for an unknown database or an unreachable host', async () => {
    const unknown = await cli(['sql', 'ghost', 'SELECT 1']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('Error: failed to find database `ghost`.\n');
    const port = await closedPort();
    const unreachable = await cli(['sql', 'chat', 'SELECT 1', '-s', `http://127.0.0.1:${port}`]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toBe(
      `Error: Could not reach http://127.0.0.1:${port} (ECONNREFUSED). Is the host running? Start it with \`spacetime-local start\`.\n`,
    );
  });

  it('exits with 2 for usage errors', async () => {
    const missing = await cli(['call', 'chat']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error: call needs a database and a function name\n\nUsage: /);
    expect((await cli(['sql', 'chat', 'x', '--bogus'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
  });
});
