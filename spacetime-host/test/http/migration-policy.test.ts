// An update that disconnects clients (here: a column added to a table they
// read) needs the publisher's acknowledgement, as SpacetimeDB's
// MigrationPolicy does: policy=BreakClients with the token pre_publish gave.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleModule, type LocalHost, startLocalHost } from '../../src/index.js';
import { useTempDirs } from '../support/temp-dirs.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const tempDir = useTempDirs();
const hosts: LocalHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

describe('publishing a client-breaking update', () => {
  it('is refused without the acknowledgement and accepted with the pre_publish token', async () => {
    const local = await startLocalHost({ dataDir: await tempDir(), port: 0 });
    hosts.push(local);
    await local.publishFolder('notes', path.join(FIXTURES, 'notes-v1'));
    const v2 = await bundleModule(path.join(FIXTURES, 'notes-v2'));
    const put = (query: Record<string, string>) =>
      fetch(
        `${local.server.url}/v1/database/notes?${new URLSearchParams({ host_type: 'Js', ...query })}`,
        {
          method: 'PUT',
          headers: { authorization: `Bearer ${local.owner.token}` },
          body: v2,
        },
      );

    const plan = await fetch(`${local.server.url}/v1/database/notes/pre_publish?host_type=Js`, {
      method: 'POST',
      headers: { authorization: `Bearer ${local.owner.token}` },
      body: v2,
    });
    const answer = (await plan.json()) as {
      AutoMigrate: { break_clients: boolean; token: string; migrate_plan: string };
    };
    expect(answer.AutoMigrate.break_clients).toBe(true);
    expect(answer.AutoMigrate.migrate_plan).toContain('disconnected');

    const compatible = await put({});
    expect(compatible.status).toBe(400);
    expect(await compatible.text()).toContain('client-breaking change which is disallowed');
    const forged = await put({ policy: 'BreakClients', token: '0x1234' });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('does not match expected hash');

    const acknowledged = await put({ policy: 'BreakClients', token: answer.AutoMigrate.token });
    expect(acknowledged.status).toBe(200);
    expect(await acknowledged.json()).toMatchObject({ Success: { op: 'updated' } });
  });
});
