// A presence module, as Kith's is: clientConnected puts the connection in
// `online`, clientDisconnected takes it out and records a departure (who, which
// connection, the JWT subject, which module version said goodbye). Variants:
// a goodbye that throws, a compatible update, and an update that disconnects
// every client (a column added). Written into a scratch folder inside the
// repository, so its `spacetimedb` import resolves as a real module's does.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleModule } from '../../src/runtime/bundle-module.js';
import type { ModuleCopies } from '../support/module-copies.js';

export interface PresenceVariant {
  /** Written in each departure: which module said goodbye. */
  readonly version: 'v1' | 'v2' | 'v3';
  /** clientDisconnected logs, takes the connection out of `online`, then throws. */
  readonly goodbyeThrows?: boolean;
}

/** v2 adds a table (clients stay connected); v3 adds a column (every client is disconnected). */
function source({ version, goodbyeThrows = false }: PresenceVariant): string {
  const addedColumn = version === 'v3' ? ', late: t.bool().default(false)' : '';
  const addedTable =
    version === 'v1' ? '' : `const notes = table({ name: 'notes' }, { text: t.string() });`;
  const goodbye = goodbyeThrows
    ? `throw new Error('no goodbyes today');`
    : `ctx.db.departures.insert({
         id: 0, connection_id: connectionId, identity: ctx.sender,
         subject: ctx.senderAuth.jwt?.subject ?? '', by: '${version}'${version === 'v3' ? ', late: true' : ''},
       });`;
  return `
import { schema, t, table } from 'spacetimedb/server';

const online = table(
  { name: 'online', public: true },
  { connection_id: t.connectionId().primaryKey(), identity: t.identity(), subject: t.string() },
);
const departures = table(
  { name: 'departures', public: true },
  {
    id: t.u32().primaryKey().autoInc(),
    connection_id: t.connectionId(),
    identity: t.identity(),
    subject: t.string(),
    by: t.string()${addedColumn},
  },
);
${addedTable}
const spacetimedb = schema({ online, departures${version === 'v1' ? '' : ', notes'} });
export default spacetimedb;

export const client_connected = spacetimedb.clientConnected((ctx) => {
  ctx.db.online.insert({
    connection_id: ctx.connectionId,
    identity: ctx.sender,
    subject: ctx.senderAuth.jwt?.subject ?? '',
  });
});

export const client_disconnected = spacetimedb.clientDisconnected((ctx) => {
  const connectionId = ctx.connectionId;
  console.info('goodbye ' + connectionId.toHexString());
  ctx.db.online.connection_id.delete(connectionId);
  ${goodbye}
});
`;
}

/** Bundles the variant as `spacetime build` would. */
export async function presenceBundle(
  copies: ModuleCopies,
  variant: PresenceVariant,
): Promise<string> {
  const dir = await copies.folder();
  await mkdir(path.join(dir, 'src'), { recursive: true });
  await writeFile(path.join(dir, 'src', 'index.ts'), source(variant));
  return bundleModule(dir);
}
