// Rows of public posts reach every member, except people in a block with
// their authors or writers. For a member in no block the view answers with a
// query that the database runs itself (no row passes through the module); for
// a member in a block, with the filtered rows. The runtime takes either answer
// on each call, and re-runs the view when what it read (the member's blocks
// among it) changes; only the view types insist on one kind per function, so
// this file states the union once.
import { activeMember } from '../auth/member';
import { VisibleContent } from '../domain/visibility';
import type { ViewerCtx } from './viewer';

/** What a query builder returns. */
interface ViewQuery {
  toSql(): string;
}

export function publicAnswer<Row>(
  ctx: ViewerCtx,
  everyone: () => ViewQuery,
  filtered: (visible: VisibleContent) => Row[],
): Row[] {
  const me = activeMember(ctx.db, ctx.sender);
  if (me === undefined) return [];
  const visible = new VisibleContent(ctx.db, me.identity);
  if (visible.hasBlocks) return filtered(visible);
  return everyone() as unknown as Row[];
}
