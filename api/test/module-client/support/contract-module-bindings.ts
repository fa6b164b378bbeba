// Client bindings for test/fixtures/kith-contract-module, written by hand in
// the shape `spacetime generate --lang typescript` gives, for the two tables
// the tests read through the official SDK. Reducers are called over HTTP, as
// the API calls them, so none are bound here.
import {
  DbConnectionBuilder as __DbConnectionBuilder,
  type DbConnectionConfig as __DbConnectionConfig,
  DbConnectionImpl as __DbConnectionImpl,
  procedures as __procedures,
  type RemoteModule as __RemoteModule,
  reducers as __reducers,
  SubscriptionBuilderImpl as __SubscriptionBuilderImpl,
  schema as __schema,
  t as __t,
  table as __table,
} from 'spacetimedb';

const ConnectionClaimsRow = __t.row({
  id: __t.u64().primaryKey(),
  identity: __t.identity(),
  issuer: __t.string(),
  subject: __t.string(),
  audience: __t.string(),
  preferred_username: __t.string(),
  roles: __t.string(),
});

const MediaRow = __t.row({
  media_id: __t.string().primaryKey(),
  owner_user_id: __t.string(),
  kind: __t.string(),
  content_type: __t.string(),
  byte_size: __t.u64(),
  width: __t.u32(),
  height: __t.u32(),
  duration_ms: __t.u32(),
  placeholder: __t.string(),
  url: __t.string(),
  thumbnail_url: __t.string(),
});

const tablesSchema = __schema({
  connection_claims: __table(
    {
      name: 'connection_claims',
      indexes: [
        {
          accessor: 'id',
          name: 'connection_claims_id_idx_btree',
          algorithm: 'btree',
          columns: ['id'],
        },
      ],
      constraints: [{ name: 'connection_claims_id_key', constraint: 'unique', columns: ['id'] }],
    },
    ConnectionClaimsRow,
  ),
  media: __table(
    {
      name: 'media',
      indexes: [
        {
          accessor: 'media_id',
          name: 'media_media_id_idx_btree',
          algorithm: 'btree',
          columns: ['media_id'],
        },
      ],
      constraints: [{ name: 'media_media_id_key', constraint: 'unique', columns: ['media_id'] }],
    },
    MediaRow,
  ),
});

const reducersSchema = __reducers();
const proceduresSchema = __procedures();

const REMOTE_MODULE = {
  versionInfo: { cliVersion: '2.0.0' as const },
  tables: tablesSchema.schemaType.tables,
  reducers: reducersSchema.reducersType.reducers,
  ...proceduresSchema,
} satisfies __RemoteModule<
  typeof tablesSchema.schemaType,
  typeof reducersSchema.reducersType,
  typeof proceduresSchema
>;

export class SubscriptionBuilder extends __SubscriptionBuilderImpl<typeof REMOTE_MODULE> {}

export class DbConnectionBuilder extends __DbConnectionBuilder<DbConnection> {}

export class DbConnection extends __DbConnectionImpl<typeof REMOTE_MODULE> {
  static builder = (): DbConnectionBuilder =>
    new DbConnectionBuilder(
      REMOTE_MODULE,
      (config: __DbConnectionConfig<typeof REMOTE_MODULE>) => new DbConnection(config),
    );

  override subscriptionBuilder = (): SubscriptionBuilder => new SubscriptionBuilder(this);
}
