// The database owner and the trusted token issuer, as init and configure_auth
// recorded them.
import { type Infer, SenderError } from 'spacetimedb/server';
import type { Identity, ReadDb, ReducerContext } from '../context';
import { sameIdentity } from '../domain/identities';
import type { moduleConfig } from '../tables/config-tables';

export const MODULE_CONFIG_ID = 0;

export type ModuleConfig = Infer<typeof moduleConfig.rowType>;

export function moduleConfigOf(db: ReadDb): ModuleConfig {
  const config = db.moduleConfig.id.find(MODULE_CONFIG_ID);
  // init inserts it before anything else can run.
  if (config === null) throw new Error('module_config is missing: init did not run');
  return config;
}

export function isOwner(db: ReadDb, identity: Identity): boolean {
  return sameIdentity(moduleConfigOf(db).owner, identity);
}

export function requireOwner(ctx: ReducerContext): void {
  if (!isOwner(ctx.db, ctx.sender)) {
    throw new SenderError('Only the database owner may do this.');
  }
}
