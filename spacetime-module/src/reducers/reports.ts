// Members report posts, comments, accounts and sounds; admins resolve reports.
import { REPORT_REASON_MAX_LENGTH } from '@kith/shared/limits';
import { SenderError, t } from 'spacetimedb/server';
import { requireAdmin } from '../auth/admin';
import { requireMember } from '../auth/member';
import { audit } from '../domain/audit';
import { sameIdentity } from '../domain/identities';
import { requireReason } from '../domain/moderation-reason';
import { takeToken } from '../domain/rate-limits';
import { REPORT_TARGET_KINDS, requireReportable } from '../domain/report-targets';
import { requireOneOf, requireWrittenText } from '../domain/validation';
import spacetimedb from '../schema';

const REPORT_OUTCOMES = ['actioned', 'dismissed'] as const;

export const reportContent = spacetimedb.reducer(
  { targetKind: t.string(), targetId: t.string(), reason: t.string() },
  (ctx, { targetKind, targetId, reason }) => {
    requireMember(ctx);
    const kind = requireOneOf(targetKind, REPORT_TARGET_KINDS, 'What you report');
    requireWrittenText(reason, 'The reason', REPORT_REASON_MAX_LENGTH);
    const maker = requireReportable(ctx.db, ctx.sender, kind, targetId);
    // An account is reported by name but kept by identity: a rename must not
    // move the report to whoever takes the name next.
    const subject = kind === 'account' ? maker.toHexString() : targetId;
    for (const open of ctx.db.report.target.filter([kind, subject])) {
      if (open.status === 'open' && sameIdentity(open.reporterId, ctx.sender)) {
        throw new SenderError('You already reported this; an admin will look at it.');
      }
    }
    takeToken(ctx, 'report');
    ctx.db.report.insert({
      id: 0n,
      reporterId: ctx.sender,
      targetKind: kind,
      targetId: subject,
      reason,
      createdAt: ctx.timestamp,
      status: 'open',
      resolvedBy: undefined,
      resolvedAt: undefined,
      resolution: '',
    });
  },
);

export const resolveReport = spacetimedb.reducer(
  { reportId: t.u64(), outcome: t.string(), note: t.string() },
  (ctx, { reportId, outcome, note }) => {
    requireAdmin(ctx);
    const status = requireOneOf(outcome, REPORT_OUTCOMES, 'The outcome');
    requireReason(note);
    const found = ctx.db.report.id.find(reportId);
    if (found === null) throw new SenderError(`There is no report ${reportId}.`);
    if (found.status !== 'open') throw new SenderError(`Report ${reportId} is already resolved.`);
    ctx.db.report.id.update({
      ...found,
      status,
      resolvedBy: ctx.sender,
      resolvedAt: ctx.timestamp,
      resolution: note,
    });
    audit(ctx, {
      action: `report_${status}`,
      targetKind: 'report',
      targetId: String(reportId),
      reason: note,
      detail: `${found.targetKind} ${found.targetId}: ${found.reason}`,
    });
  },
);
