// The dev loop against a real host: builds, publishes and watches a module
// folder, keeping data on compatible changes and the previous module on
// incompatible ones.
import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../src/cli/api-client.js';
import type { CliIo } from '../../src/cli/cli-io.js';
import { publishProgram } from '../../src/cli/publish-program.js';
import { yesFlags } from '../../src/cli/yes-flags.js';
import { type CycleOutcome, createDevLoop, type DevLoop } from '../../src/dev/dev-loop.js';
import { watchFolder } from '../../src/dev/watch-folder.js';
import { bundleModule, type LocalHost, startLocalHost } from '../../src/index.js';
import { eventually } from '../support/eventually.js';
import { useModuleCopies } from '../support/module-copies.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs();
const modules = useModuleCopies();
const hosts: LocalHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

const quietIo = {
  stdout: () => {},
  stderr: () => {},
  prompt: async () => undefined,
} as unknown as CliIo;

interface Fixture {
  readonly moduleDir: string;
  readonly client: ApiClient;
  readonly loop: DevLoop;
  readonly outcomes: CycleOutcome[];
  readonly log: string[];
  sql(query: string): Promise<unknown[][]>;
}

async function setUp(fixture: string): Promise<Fixture> {
  const local = await startLocalHost({ dataDir: await tempDir(), port: 0 });
  hosts.push(local);
  const moduleDir = await modules.folder();
  await modules.copyFixture(fixture, moduleDir);
  const client = new ApiClient(local.server.url, local.owner.token);
  const outcomes: CycleOutcome[] = [];
  const log: string[] = [];
  const loop = createDevLoop(
    {
      build: () => bundleModule(moduleDir),
      publish: (program) =>
        publishProgram(client, quietIo, {
          name: 'notes',
          program,
          clear: 'never',
          yes: yesFlags(undefined),
          breakClients: true,
        }),
    },
    { database: 'notes', log: (line) => log.push(line), onOutcome: (o) => outcomes.push(o) },
  );
  return {
    moduleDir,
    client,
    loop,
    outcomes,
    log,
    async sql(query) {
      const response = await client.expectOk('POST', '/v1/database/notes/sql', { body: query });
      const [result] = (await response.json()) as { rows: unknown[][] }[];
      return result?.rows ?? [];
    },
  };
}

async function call(client: ApiClient, reducer: string, args: unknown[]): Promise<Response> {
  return client.request('POST', `/v1/database/notes/call/${reducer}`, {
    body: JSON.stringify(args),
    headers: { 'content-type': 'application/json' },
  });
}

describe('dev loop', () => {
  it('creates the database, then keeps its data through a compatible change', async () => {
    const dev = await setUp('notes-v1');
    expect(await dev.loop.runCycle()).toMatchObject({
      kind: 'published',
      published: { op: 'created' },
    });
    expect((await call(dev.client, 'add_note', ['kept'])).ok).toBe(true);

    await modules.copyFixture('notes-v2', dev.moduleDir);
    expect(await dev.loop.runCycle()).toMatchObject({
      kind: 'published',
      published: { op: 'updated' },
    });
    const rows = await dev.sql('SELECT text, pinned FROM notes');
    expect(rows).toEqual(expect.arrayContaining([['kept', false]]));
    expect((await call(dev.client, 'add_tag', ['new reducer'])).ok).toBe(true);
    expect(dev.log.join('\n')).toContain('Updated notes; its data was kept.');
  });

  it('keeps the previous module and its data when a change cannot migrate, and says why', async () => {
    const dev = await setUp('notes-v1');
    await dev.loop.runCycle();
    expect((await call(dev.client, 'add_note', ['still here'])).ok).toBe(true);

    await modules.copyFixture('notes-incompatible', dev.moduleDir);
    const outcome = await dev.loop.runCycle();
    expect(outcome.kind).toBe('kept-previous');
    const said = dev.log.join('\n');
    expect(said).toContain('cannot be applied to notes without losing data');
    expect(said).toMatch(/notes/);
    expect(said).toContain('--delete-data=on-conflict');

    // The old module still runs: its reducer takes a string, and the row is there.
    expect((await call(dev.client, 'add_note', ['after'])).ok).toBe(true);
    expect(await dev.sql('SELECT text FROM notes')).toEqual(
      expect.arrayContaining([['still here'], ['after']]),
    );
  });

  it('reports a build error and recovers on the next good change', async () => {
    const dev = await setUp('notes-v1');
    await dev.loop.runCycle();
    await appendFile(path.join(dev.moduleDir, 'src/index.ts'), '\nexport const broken = ;\n');
    const failed = await dev.loop.runCycle();
    expect(failed.kind).toBe('build-failed');
    expect(dev.log.join('\n')).toContain('Build failed');

    await modules.copyFixture('notes-v2', dev.moduleDir);
    expect((await dev.loop.runCycle()).kind).toBe('published');
  });

  it('runs one more pass, not one per event, for changes made during a pass', async () => {
    const dev = await setUp('notes-v1');
    const first = dev.loop.runCycle();
    const second = dev.loop.runCycle();
    const third = dev.loop.runCycle();
    expect(second).toBe(third);
    await Promise.all([first, second]);
    await dev.loop.idle();
    expect(dev.outcomes.map((o) => o.kind)).toEqual(['published', 'published']);
  });

  it('republishes when a file in the module folder changes', async () => {
    const dev = await setUp('notes-v1');
    await dev.loop.runCycle();
    const watch = await watchFolder(dev.moduleDir, (changed) => dev.loop.onFilesChanged(changed), {
      debounceMs: 50,
    });
    try {
      await modules.copyFixture('notes-v2', dev.moduleDir);
      await eventually(() => expect(dev.outcomes).toHaveLength(2), 20_000);
      await dev.loop.idle();
      expect(dev.outcomes.at(-1)).toMatchObject({ kind: 'published' });
      // An ignored editor swap file does not start a pass.
      await writeFile(path.join(dev.moduleDir, 'src/.index.ts.swp'), 'x');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await dev.loop.idle();
      expect(dev.outcomes).toHaveLength(2);
    } finally {
      await watch.close();
    }
  });
});
