// The audit log: who did what to what, when and why, for every admin action.
import type { ReducerContext } from '../context';

export interface AuditEntry {
  readonly action: string;
  readonly targetKind: string;
  readonly targetId: string;
  readonly reason: string;
  readonly detail?: string;
}

export function audit(ctx: ReducerContext, entry: AuditEntry): void {
  ctx.db.auditLog.insert({ id: 0n, actorId: ctx.sender, at: ctx.timestamp, detail: '', ...entry });
}
