import { beforeAll, describe, expect, it, vi } from 'vitest';
import { jsonToBsatn } from '../../sats/sats-json-encode.js';
import {
  describeModule,
  type Loose,
  loadServerLibrary,
} from '../../schema/testing/library-module.js';
import { moduleDefJson } from './module-def-json.js';
import { RAW_MODULE_DEF_TYPE, RAW_MODULE_DEF_TYPESPACE } from './raw-module-def-type.generated.js';

vi.mock(
  'spacetime:sys@2.0',
  async () => (await import('../../schema/testing/library-module.js')).sysMock,
);
vi.mock('spacetime:sys@2.1', () => ({}));

/** A module as the library describes it: a table with indexes and a sequence, reducers, lifecycle. */
function libraryModuleDef(lib: Loose): Uint8Array {
  const { schema, table, t } = lib;
  const messages = table!(
    { name: 'messages', public: true },
    {
      id: t!.u64!().primaryKey!().autoInc!(),
      sender: t!.identity!(),
      sentAt: t!.timestamp!().index!('btree'),
      text: t!.string!(),
    },
  );
  const spacetimedb = schema!({ messages });
  const sendMessage = spacetimedb.reducer!({ text: t!.string!() }, () => {});
  const init = spacetimedb.init!(() => {});
  return describeModule(spacetimedb, { sendMessage, init });
}

describe('moduleDefJson', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = libraryModuleDef(await loadServerLibrary());
  });

  it('writes a library-described module as RawModuleDefV10 SATS-JSON with Rust field names', () => {
    const json = moduleDefJson(bytes, 10) as { sections: Record<string, unknown>[] };
    const section = (name: string) => json.sections.find((s) => name in s)?.[name];
    expect(section('Typespace')).toMatchObject({ types: expect.any(Array) });
    expect(section('Tables')).toEqual([
      expect.objectContaining({
        source_name: 'messages',
        primary_key: [0],
        table_access: { Public: [] },
        sequences: [expect.objectContaining({ column: 0, increment: 1n, start: { none: [] } })],
      }),
    ]);
    expect(section('Reducers')).toEqual([
      expect.objectContaining({
        source_name: 'sendMessage',
        params: { elements: [{ name: { some: 'text' }, algebraic_type: { String: [] } }] },
        visibility: { ClientCallable: [] },
      }),
      expect.objectContaining({ source_name: 'init' }),
    ]);
    expect(section('LifeCycleReducers')).toEqual([
      { lifecycle_spec: { Init: [] }, function_name: 'init' },
    ]);
  });

  it('round-trips: the JSON encodes back to the very same BSATN', () => {
    const json = moduleDefJson(bytes, 10);
    const again = jsonToBsatn(RAW_MODULE_DEF_TYPE, RAW_MODULE_DEF_TYPESPACE, { V10: json });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });

  it('refuses to convert to version 9 with a 400', () => {
    expect(() => moduleDefJson(bytes, 9)).toThrow(/cannot convert it to version 9/);
  });
});
