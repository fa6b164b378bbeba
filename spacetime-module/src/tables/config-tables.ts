// Who owns the database and whose tokens it trusts.
import { t, table } from 'spacetimedb/server';

/** One row (id 0): the publisher recorded by `init`, and the issuer set by `configure_auth`. */
export const moduleConfig = table(
  { name: 'module_config' },
  {
    id: t.u8().primaryKey(),
    owner: t.identity(),
    /** Empty until `configure_auth`: then only the owner may connect. */
    issuer: t.string(),
    audience: t.string(),
  },
);

/** Identities that connected with the API's service token; service views serve only them. */
export const serviceSession = table(
  { name: 'service_session' },
  {
    identity: t.identity().primaryKey(),
    subject: t.string(),
    lastConnectedAt: t.timestamp(),
  },
);
