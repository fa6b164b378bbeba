// How content views answer. A query is run by the database itself (no row
// passes through the module), so views answer with one whenever the rows
// need no filtering the query language cannot say: for members in no block.
// For a member in a block they answer with filtered rows. The runtime takes
// either answer on each call, and re-runs the view when what it read (the
// member's blocks among it) changes; only the view types insist on one kind
// per function, so this file states the union once.
import { activeMember } from '../auth/member';
import type { Account } from '../context';
import { VisibleContent } from '../domain/visibility';
import type { ViewerCtx } from './viewer';

/** What a query builder returns. */
interface ViewQuery {
  toSql(): string;
}

/** `query(me)` for an active member, nothing for anyone else. */
export function memberQuery<Row>(ctx: ViewerCtx, query: (me: Account) => ViewQuery): Row[] {
  const me = activeMember(ctx.db, ctx.sender);
  if (me === undefined) return [];
  return query(me) as unknown as Row[];
}

/** `query(me)` for a member in no block, `filtered` rows for a member in one, nothing for anyone else. */
export function queryUnlessBlocked<Row>(
  ctx: ViewerCtx,
  query: (me: Account) => ViewQuery,
  filtered: (visible: VisibleContent, me: Account) => Row[],
): Row[] {
  const me = activeMember(ctx.db, ctx.sender);
  if (me === undefined) return [];
  const visible = new VisibleContent(ctx.db, me.identity);
  if (visible.hasBlocks) return filtered(visible, me);
  return query(me) as unknown as Row[];
}
