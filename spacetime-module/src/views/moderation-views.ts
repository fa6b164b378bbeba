// What a member sees of moderation (their reports, their mute, the rate
// limits), and the admin queues: reports, sounds to review, reported
// content, bans, mutes, grants and the audit log.
import { Range, t } from 'spacetimedb/server';
import type { Comment, Post } from '../context';
import { DEFAULT_RATE_LIMITS, RATE_LIMITED_ACTIONS } from '../domain/rate-limits';
import spacetimedb from '../schema';
import { account } from '../tables/account-tables';
import { comment } from '../tables/comment-tables';
import { adminGrant, auditLog, ban, mute, report } from '../tables/moderation-tables';
import { post } from '../tables/post-tables';
import { rateLimitRule } from '../tables/rate-limit-tables';
import { sound } from '../tables/sound-tables';
import { forAdmin, forMember } from './viewer';

const REPORT_STATUSES = ['open', 'actioned', 'dismissed'];
const SOUND_STATUSES = ['pending', 'approved', 'rejected'];

/**
 * A member's own report, without who resolved it: which admin acted is in the
 * audit log, for admins only.
 */
const myReportRow = t.row('OwnReport', {
  id: t.u64(),
  targetKind: t.string(),
  targetId: t.string(),
  reason: t.string(),
  createdAt: t.timestamp(),
  status: t.string(),
  resolvedAt: t.option(t.timestamp()),
  resolution: t.string(),
});

export const myReport = spacetimedb.view(
  { name: 'my_report', public: true },
  t.array(myReportRow),
  (ctx) =>
    forMember(ctx, (me) =>
      [...ctx.db.report.reporterId.filter(me.identity)].map(
        ({ reporterId: _reporter, resolvedBy: _admin, ...mine }) => mine,
      ),
    ),
);

/** A member's own mute, without which admin muted them (that is in the audit log). */
const myMuteRow = t.row('OwnMute', {
  identity: t.identity(),
  reason: t.string(),
  mutedAt: t.timestamp(),
  until: t.timestamp(),
});

export const myMute = spacetimedb.view(
  { name: 'my_mute', public: true },
  t.array(myMuteRow),
  (ctx) =>
    forMember(ctx, (me) => {
      const row = ctx.db.mute.identity.find(me.identity);
      if (row === null) return [];
      const { mutedBy: _admin, ...mine } = row;
      return [mine];
    }),
);

export const rateLimit = spacetimedb.view(
  { name: 'rate_limit', public: true },
  t.array(rateLimitRule.rowType),
  (ctx) =>
    forMember(ctx, () =>
      // A database published before an action was limited has no rule row for
      // it; the default applies, and is what members are shown.
      RATE_LIMITED_ACTIONS.map(
        (action) =>
          ctx.db.rateLimitRule.action.find(action) ?? { action, ...DEFAULT_RATE_LIMITS[action] },
      ),
    ),
);

export const adminReport = spacetimedb.view(
  { name: 'admin_report', public: true },
  t.array(report.rowType),
  (ctx) =>
    forAdmin(ctx, () =>
      REPORT_STATUSES.flatMap((status) => [...ctx.db.report.status.filter(status)]),
    ),
);

export const adminSound = spacetimedb.view(
  { name: 'admin_sound', public: true },
  t.array(sound.rowType),
  (ctx) =>
    forAdmin(ctx, () =>
      SOUND_STATUSES.flatMap((status) => [...ctx.db.sound.status.filter(status)]),
    ),
);

/** Posts with an open report, whoever may otherwise see them. */
export const adminReportedPost = spacetimedb.view(
  { name: 'admin_reported_post', public: true },
  t.array(post.rowType),
  (ctx) =>
    forAdmin(ctx, () => {
      const out = new Map<bigint, Post>();
      for (const row of ctx.db.report.status.filter('open')) {
        if (row.targetKind !== 'post') continue;
        const found = ctx.db.post.id.find(BigInt(row.targetId));
        if (found !== null) out.set(found.id, found);
      }
      return [...out.values()];
    }),
);

/** Comments with an open report. */
export const adminReportedComment = spacetimedb.view(
  { name: 'admin_reported_comment', public: true },
  t.array(comment.rowType),
  (ctx) =>
    forAdmin(ctx, () => {
      const out = new Map<bigint, Comment>();
      for (const row of ctx.db.report.status.filter('open')) {
        if (row.targetKind !== 'comment') continue;
        const found = ctx.db.comment.id.find(BigInt(row.targetId));
        if (found !== null) out.set(found.id, found);
      }
      return [...out.values()];
    }),
);

export const adminBan = spacetimedb.view(
  { name: 'admin_ban', public: true },
  t.array(ban.rowType),
  (ctx) => forAdmin(ctx, () => [...ctx.db.ban.bannedAt.filter(new Range())]),
);

export const adminMute = spacetimedb.view(
  { name: 'admin_mute', public: true },
  t.array(mute.rowType),
  (ctx) => forAdmin(ctx, () => [...ctx.db.mute.mutedAt.filter(new Range())]),
);

export const adminGrantList = spacetimedb.view(
  { name: 'admin_grant_list', public: true },
  t.array(adminGrant.rowType),
  (ctx) => forAdmin(ctx, () => [...ctx.db.adminGrant.grantedAt.filter(new Range())]),
);

export const adminAuditLog = spacetimedb.view(
  { name: 'admin_audit_log', public: true },
  t.array(auditLog.rowType),
  (ctx) => forAdmin(ctx, () => [...ctx.db.auditLog.at.filter(new Range())]),
);

/**
 * Every account, for naming the people in reports, bans and mutes: members in
 * a block with the admin are hidden from the admin's member views, but must
 * still be dealt with.
 */
export const adminAccount = spacetimedb.view(
  { name: 'admin_account', public: true },
  t.array(account.rowType),
  (ctx) => forAdmin(ctx, () => [...ctx.db.account.joinedAt.filter(new Range())]),
);
