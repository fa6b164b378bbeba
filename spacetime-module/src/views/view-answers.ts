// How the public content views answer. A query is run by the database itself
// (no row passes through the module), so they answer with one when the rows
// need no filtering the query language cannot say: for members in no block.
// For a member in a block they answer with filtered rows. The runtime takes
// either answer on each call, and re-runs the view when what it read (the
// member's blocks among it) changes; only the view types insist on one kind
// per function, so this file states the union once.
//
// The query is a single-table filter on the `audience` index, so what it reads
// is one index key. (A semijoin over friendships would say the friends' part
// too, but the host plans it by reading every friends-only row, which made
// any friends-only post re-run every member's views: those stay procedural.)
import { activeMember } from '../auth/member';
import { VisibleContent } from '../domain/visibility';
import type { ViewerCtx } from './viewer';

/** What a query builder returns. */
interface ViewQuery {
  toSql(): string;
}

/** `query()` for a member in no block, `filtered` rows for a member in one, nothing for anyone else. */
export function queryUnlessBlocked<Row>(
  ctx: ViewerCtx,
  query: () => ViewQuery,
  filtered: (visible: VisibleContent) => Row[],
): Row[] {
  const me = activeMember(ctx.db, ctx.sender);
  if (me === undefined) return [];
  const visible = new VisibleContent(ctx.db, me.identity);
  if (visible.hasBlocks) return filtered(visible);
  return query() as unknown as Row[];
}
