// Content an admin removed closes the open reports about it.
import type { ReducerContext } from '../context';

export function closeReportsAbout(
  ctx: ReducerContext,
  targetKind: string,
  targetId: string,
  resolution: string,
): void {
  for (const row of [...ctx.db.report.target.filter([targetKind, targetId])]) {
    if (row.status !== 'open') continue;
    ctx.db.report.id.update({
      ...row,
      status: 'actioned',
      resolvedBy: ctx.sender,
      resolvedAt: ctx.timestamp,
      resolution,
    });
  }
}
