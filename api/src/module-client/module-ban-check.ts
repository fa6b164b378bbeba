import type { Logger } from '../logging/logger.js';
import type { AccountBan, BanCheck, BanList } from './ban-check.js';
import { ModuleQueryError, type ModuleRow, type ModuleSql } from './module-sql.js';

/**
 * Asks the module's `service_ban` view (readable by the service identity
 * only) for the user's ban, or for every ban.
 *
 * When the module cannot answer (down, slow, not published yet, an older
 * module without the view) banOf lets the person in and logs a warning: a
 * module outage must not lock every member out, and a banned person who gets
 * in then is still refused by the module when they connect. allBans throws
 * instead, and its caller (the ban sweep) tries again later.
 */
export class ModuleBanCheck implements BanCheck, BanList {
  constructor(
    private readonly sql: ModuleSql,
    private readonly logger: Logger,
  ) {}

  async banOf(userId: string): Promise<AccountBan | undefined> {
    let rows: Awaited<ReturnType<ModuleSql>>;
    try {
      rows = await this.sql(`SELECT * FROM service_ban WHERE user_id = ${sqlString(userId)}`);
    } catch (error) {
      if (!(error instanceof ModuleQueryError)) throw error;
      this.logger.warn(
        { err: error, userId },
        'could not ask the module whether the account is banned; letting it in',
      );
      return undefined;
    }
    const row = rows.find((r) => r.user_id === userId);
    return row === undefined ? undefined : banOfRow(row);
  }

  async allBans(): Promise<ReadonlyMap<string, AccountBan>> {
    const rows = await this.sql('SELECT * FROM service_ban');
    return new Map(
      rows.flatMap((row) =>
        typeof row.user_id === 'string' ? [[row.user_id, banOfRow(row)] as const] : [],
      ),
    );
  }
}

function banOfRow(row: ModuleRow): AccountBan {
  return { reason: typeof row.reason === 'string' ? row.reason : '' };
}

/** A SQL string literal: quotes doubled, as SpacetimeDB's SQL reads them. */
function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
