// The host's client tables (st_client, st_connection_credentials) as the fake
// datastore lays tables out, for fake-datastore tests that connect clients:
// a database records every connected client in them.
import type { FakeTable } from '../support/fake-datastore.js';

export const FAKE_CLIENT_TABLES: readonly FakeTable[] = [
  {
    name: 'st_client',
    // identity (u256) then connection_id (u128): the whole row is the key.
    indexes: [
      {
        name: 'st_client_identity_connection_id_idx_btree',
        from: 0,
        to: 48,
        unique: true,
        algorithm: 'btree',
      },
    ],
  },
  {
    name: 'st_connection_credentials',
    indexes: [
      {
        name: 'st_connection_credentials_connection_id_idx_btree',
        from: 0,
        to: 16,
        unique: true,
        algorithm: 'btree',
      },
    ],
  },
];
