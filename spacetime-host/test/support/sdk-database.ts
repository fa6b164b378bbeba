// A published sdk-test-module on a real Host, with helpers to call reducers
// with SATS-JSON arguments and read tables back.

import type { Database } from '../../src/database/database.js';
import type { Caller } from '../../src/database/database-api.js';
import { Host } from '../../src/database/host.js';
import type { AlgebraicType } from '../../src/sats/algebraic-type.js';
import { bsatnToJson } from '../../src/sats/sats-json.js';
import { jsonToBsatn } from '../../src/sats/sats-json-encode.js';
import { fixtureBundle } from './fixture-bundles.js';

export const OWNER =
  0xc200_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_00aan;
export const ALICE =
  0xc200_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0a11n;
export const BOB =
  0xc200_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0000_0b0bn;
export const asOwner: Caller = { identity: OWNER, connectionId: 0n };

export interface SdkDatabase {
  readonly host: Host;
  readonly db: Database;
  /** Calls a reducer by name with its arguments as a SATS-JSON object. */
  call(name: string, args?: object, caller?: Caller): ReturnType<Database['callReducer']>;
  /** BSATN of a row of `table` given as SATS-JSON. */
  row(table: string, json: unknown): Uint8Array;
  /** The rows of `table` as stored (BSATN). */
  rows(table: string): Uint8Array[];
  /** The rows of `table` as SATS-JSON. */
  json(table: string): unknown[];
  /** A row of `table` as SATS-JSON. */
  decode(table: string, row: Uint8Array): unknown;
  /** `[kind, detail]` of every event, in id order. */
  events(): [string, string][];
  /** The name the schema gives a reducer the module exported as `exported` (canonical names are snake_case). */
  reducerName(exported: string): string;
}

export async function publishSdkModule(dataDir: string, host?: Host): Promise<SdkDatabase> {
  const actualHost = host ?? (await Host.open({ dataDir }));
  if (actualHost.find('sdk') === undefined) {
    await actualHost.publish({
      program: await fixtureBundle('sdk-test-module'),
      name: 'sdk',
      publisher: OWNER,
      clear: false,
    });
  }
  return sdkDatabase(actualHost);
}

export function sdkDatabase(host: Host): SdkDatabase {
  const db = host.find('sdk')!;
  const typespace = db.schema.typespace;
  const table = (name: string) => {
    const found = db.schema.tables.find((t) => t.name === name);
    if (found === undefined) throw new Error(`no table ${name}`);
    return found;
  };
  const rowType = (name: string): AlgebraicType => ({ tag: 'Product', value: table(name).rowType });
  const rows = (name: string) => db.datastore.committed.scan(table(name).tableId);
  const squash = (name: string) => name.replaceAll('_', '');
  return {
    host,
    db,
    call(name, args = {}, caller = asOwner) {
      const reducer = db.schema.reducers.find((r) => r.name === name);
      if (reducer === undefined) throw new Error(`no reducer ${name}`);
      return db.callReducer(
        name,
        jsonToBsatn({ tag: 'Product', value: reducer.params }, typespace, args),
        caller,
      );
    },
    row: (name, json) => jsonToBsatn(rowType(name), typespace, json),
    rows,
    json: (name) => rows(name).map((row) => bsatnToJson(rowType(name), typespace, row)),
    decode: (name, row) => bsatnToJson(rowType(name), typespace, row),
    events() {
      return rows('events')
        .map(
          (row) =>
            bsatnToJson(rowType('events'), typespace, row) as [bigint, string, string, unknown],
        )
        .sort((a, b) => Number(a[0] - b[0]))
        .map(([, kind, detail]) => [kind, detail]);
    },
    reducerName(exported) {
      const found = db.schema.reducers.find((r) => squash(r.name) === squash(exported));
      if (found === undefined) throw new Error(`no reducer exported as ${exported}`);
      return found.name;
    },
  };
}
