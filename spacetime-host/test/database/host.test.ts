import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { identityToHex } from '../../src/auth/identity.js';
import {
  IncompatibleUpdateError,
  NotOwnerError,
  PublishError,
} from '../../src/database/database-errors.js';
import { InvalidDatabaseNameError } from '../../src/database/database-name.js';
import { Host } from '../../src/database/host.js';
import { fixtureBundle } from '../support/fixture-bundles.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs();
const ALICE = 0xc200_aaaa_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0001n;
const BOB = 0xc200_bbbb_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0002n;
const hosts: Host[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

async function openHost(dataDir: string): Promise<Host> {
  const host = await Host.open({ dataDir });
  hosts.push(host);
  return host;
}

const text = (value: string) => {
  const bytes = new TextEncoder().encode(value);
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, bytes.length, true);
  out.set(bytes, 4);
  return out;
};

async function notes(host: Host, name: string): Promise<unknown[]> {
  const database = host.find(name)!;
  const [result] = await database.sql('SELECT * FROM notes', {
    identity: database.owner,
    connectionId: 0n,
  });
  return [...result!.rows].sort((a, b) => Number((a as number[])[0]) - Number((b as number[])[0]));
}

describe('publishing a new database', () => {
  it('creates it, runs init as the publisher and records it in control.json', async () => {
    const dataDir = await tempDir();
    const host = await openHost(dataDir);
    const program = await fixtureBundle('notes-v1');
    const result = await host.publish({ program, name: 'notes', publisher: ALICE, clear: false });
    expect(result).toMatchObject({ name: 'notes', op: 'created' });
    // A fresh identity, derived from claims as SpacetimeDB allocates database identities.
    expect(identityToHex(result.identity)).toMatch(/^c200[0-9a-f]{60}$/);
    const database = host.find('notes')!;
    expect(host.find(identityToHex(result.identity))).toBe(database);
    expect(host.list()).toEqual([database]);
    expect(database.owner).toBe(ALICE);
    expect(await notes(host, 'notes')).toEqual([[1, 'welcome']]);

    const control = JSON.parse(await readFile(path.join(dataDir, 'control.json'), 'utf8'));
    expect(control.databases).toEqual([
      {
        identity: identityToHex(result.identity),
        owner: identityToHex(ALICE),
        names: ['notes'],
        moduleHash: database.moduleHash,
      },
    ]);
    const moduleFile = path.join(
      dataDir,
      'databases',
      identityToHex(result.identity),
      `module-${database.moduleHash}.js`,
    );
    expect(await readFile(moduleFile, 'utf8')).toBe(program);
  });

  it('creates databases without a name, and at a given identity', async () => {
    const host = await openHost(await tempDir());
    const program = await fixtureBundle('notes-v1');
    const unnamed = await host.publish({ program, publisher: ALICE, clear: false });
    expect(unnamed.name).toBeUndefined();
    const identity = 0xc200_1234n << 200n;
    const placed = await host.publish({ program, identity, publisher: ALICE, clear: false });
    expect(placed).toMatchObject({ identity, op: 'created' });
    expect(host.list()).toHaveLength(2);
  });

  it('refuses bad names, taken names, modules that do not load and failing init reducers', async () => {
    const dataDir = await tempDir();
    const host = await openHost(dataDir);
    const program = await fixtureBundle('notes-v1');
    await expect(
      host.publish({ program, name: 'Bad_Name', publisher: ALICE, clear: false }),
    ).rejects.toThrow(InvalidDatabaseNameError);
    await host.publish({ program, name: 'taken', publisher: ALICE, clear: false });
    await expect(
      host.publish({ program, name: 'taken', identity: 7n, publisher: ALICE, clear: false }),
    ).rejects.toThrow(/already taken/);
    await expect(
      host.publish({
        program: 'throw new Error("nope")',
        name: 'broken',
        publisher: ALICE,
        clear: false,
      }),
    ).rejects.toThrow(PublishError);
    await expect(
      host.publish({
        program: 'throw new Error("nope")',
        name: 'broken',
        publisher: ALICE,
        clear: false,
      }),
    ).rejects.toThrow(/^the module threw while loading: Error: nope/);
    const failing = await fixtureBundle('failing-init');
    await expect(
      host.publish({ program: failing, name: 'failing', publisher: ALICE, clear: false }),
    ).rejects.toThrow('the init reducer failed: refusing to initialise');
    expect(host.list().map((d) => d.names)).toEqual([['taken']]);
    expect(host.find('failing')).toBeUndefined();
    const control = JSON.parse(await readFile(path.join(dataDir, 'control.json'), 'utf8'));
    expect(control.databases).toHaveLength(1);
  });
});

describe('updating a database', () => {
  it('keeps the data through a compatible update and fills added columns with their defaults', async () => {
    const host = await openHost(await tempDir());
    await host.publish({
      program: await fixtureBundle('notes-v1'),
      name: 'notes',
      publisher: ALICE,
      clear: false,
    });
    const v1 = host.find('notes')!;
    await v1.callReducer('add_note', text('first'), { identity: ALICE, connectionId: 0n });
    const result = await host.publish({
      program: await fixtureBundle('notes-v2'),
      name: 'notes',
      publisher: ALICE,
      clear: false,
    });
    expect(result.op).toBe('updated');
    const v2 = host.find('notes')!;
    expect(v2).not.toBe(v1);
    expect(v1.closed).toBe(true);
    expect(await notes(host, 'notes')).toEqual([
      [1, 'welcome', false],
      [2, 'first', false],
    ]);
    // New reducers exist, the sequence continues after existing values.
    await v2.callReducer('pin', Uint8Array.of(2, 0, 0, 0), { identity: ALICE, connectionId: 0n });
    await v2.callReducer('add_note', text('second'), { identity: ALICE, connectionId: 0n });
    expect(await notes(host, 'notes')).toEqual([
      [1, 'welcome', false],
      [2, 'first', true],
      [3, 'second', false],
    ]);
  });

  it('changes nothing when the same module is published again', async () => {
    const host = await openHost(await tempDir());
    const program = await fixtureBundle('notes-v1');
    await host.publish({ program, name: 'notes', publisher: ALICE, clear: false });
    const before = host.find('notes');
    expect(
      (await host.publish({ program, name: 'notes', publisher: ALICE, clear: false })).op,
    ).toBe('updated');
    expect(host.find('notes')).toBe(before);
  });

  it('refuses an incompatible update with the reasons and keeps serving the old module', async () => {
    const host = await openHost(await tempDir());
    await host.publish({
      program: await fixtureBundle('notes-v1'),
      name: 'notes',
      publisher: ALICE,
      clear: false,
    });
    const update = host.publish({
      program: await fixtureBundle('notes-incompatible'),
      name: 'notes',
      publisher: ALICE,
      clear: false,
    });
    await expect(update).rejects.toThrow(IncompatibleUpdateError);
    await expect(update).rejects.toThrow(/Database update rejected: .*notes/);
    const database = host.find('notes')!;
    expect(database.closed).toBe(false);
    await database.callReducer('add_note', text('still here'), {
      identity: ALICE,
      connectionId: 0n,
    });
    expect(await notes(host, 'notes')).toHaveLength(2);
  });

  it('replaces the data when publishing with clear, running init again', async () => {
    const host = await openHost(await tempDir());
    await host.publish({
      program: await fixtureBundle('notes-v1'),
      name: 'notes',
      publisher: ALICE,
      clear: false,
    });
    await host
      .find('notes')!
      .callReducer('add_note', text('gone soon'), { identity: ALICE, connectionId: 0n });
    const incompatible = await fixtureBundle('notes-incompatible');
    const result = await host.publish({
      program: incompatible,
      name: 'notes',
      publisher: ALICE,
      clear: true,
    });
    expect(result.op).toBe('updated');
    expect(await notes(host, 'notes')).toEqual([]);
  });

  it('lets only the owner update or delete', async () => {
    const host = await openHost(await tempDir());
    const program = await fixtureBundle('notes-v1');
    await host.publish({ program, name: 'notes', publisher: ALICE, clear: false });
    await expect(
      host.publish({ program, name: 'notes', publisher: BOB, clear: false }),
    ).rejects.toThrow(NotOwnerError);
    await expect(host.delete(host.find('notes')!, BOB)).rejects.toThrow(NotOwnerError);
    expect(host.find('notes')).toBeDefined();
  });
});

describe('deleting and restarting', () => {
  it('deletes a database and its storage', async () => {
    const dataDir = await tempDir();
    const host = await openHost(dataDir);
    const { identity } = await host.publish({
      program: await fixtureBundle('notes-v1'),
      name: 'notes',
      publisher: ALICE,
      clear: false,
    });
    const database = host.find('notes')!;
    await host.delete(database, ALICE);
    expect(host.find('notes')).toBeUndefined();
    expect(database.closed).toBe(true);
    expect(existsSync(path.join(dataDir, 'databases', identityToHex(identity)))).toBe(false);
    expect(
      JSON.parse(await readFile(path.join(dataDir, 'control.json'), 'utf8')).databases,
    ).toEqual([]);
  });

  it('opens every database again after a restart, with its data and updated module', async () => {
    const dataDir = await tempDir();
    const first = await Host.open({ dataDir });
    await first.publish({
      program: await fixtureBundle('notes-v1'),
      name: 'notes',
      publisher: ALICE,
      clear: false,
    });
    await first
      .find('notes')!
      .callReducer('add_note', text('before update'), { identity: ALICE, connectionId: 0n });
    await first.publish({
      program: await fixtureBundle('notes-v2'),
      name: 'notes',
      publisher: ALICE,
      clear: false,
    });
    await first
      .find('notes')!
      .callReducer('add_note', text('after update'), { identity: ALICE, connectionId: 0n });
    await first.publish({
      program: await fixtureBundle('transfer-module'),
      name: 'bank',
      publisher: BOB,
      clear: false,
    });
    await first.close();

    const second = await openHost(dataDir);
    expect(second.failures).toEqual([]);
    expect(
      second
        .list()
        .map((d) => d.names[0])
        .sort(),
    ).toEqual(['bank', 'notes']);
    expect(await notes(second, 'notes')).toEqual([
      [1, 'welcome', false],
      [2, 'before update', false],
      [3, 'after update', false],
    ]);
    await second
      .find('notes')!
      .callReducer('add_note', text('after restart'), { identity: ALICE, connectionId: 0n });
    expect((await notes(second, 'notes')).at(-1)).toEqual([4, 'after restart', false]);
    expect(second.find('bank')!.owner).toBe(BOB);
  });

  it('opens the other databases when one cannot be opened, and reports it', async () => {
    const dataDir = await tempDir();
    const first = await Host.open({ dataDir });
    const { identity } = await first.publish({
      program: await fixtureBundle('notes-v1'),
      name: 'notes',
      publisher: ALICE,
      clear: false,
    });
    await first.publish({
      program: await fixtureBundle('transfer-module'),
      name: 'bank',
      publisher: BOB,
      clear: false,
    });
    const moduleHash = first.find('notes')!.moduleHash;
    await first.close();
    await writeFile(
      path.join(dataDir, 'databases', identityToHex(identity), `module-${moduleHash}.js`),
      'throw new Error("corrupted module file")',
    );
    const second = await openHost(dataDir);
    expect(second.list().map((d) => d.names[0])).toEqual(['bank']);
    expect(second.failures).toHaveLength(1);
    expect(second.failures[0]?.identity).toBe(identity);
    expect(String(second.failures[0]?.error)).toMatch(/corrupted module file/);
    // It stays listed and its name stays taken, so nothing replaces it by accident.
    await expect(
      second.publish({
        program: await fixtureBundle('notes-v1'),
        name: 'notes',
        publisher: ALICE,
        clear: false,
      }),
    ).rejects.toThrow(/could not be opened at start: .*corrupted module file/);
    await second.publish({
      program: await fixtureBundle('notes-v1'),
      name: 'other',
      publisher: ALICE,
      clear: false,
    });
    const control = JSON.parse(await readFile(path.join(dataDir, 'control.json'), 'utf8'));
    expect(control.databases.map((d: { names: string[] }) => d.names[0]).sort()).toEqual([
      'bank',
      'notes',
      'other',
    ]);
  });
});
