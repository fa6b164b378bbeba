// What can be reported (a post, a comment, an account, a sound), found from a
// report's kind and id only when the reporter may see it.
import { SenderError } from 'spacetimedb/server';
import type { Identity, ReadDb } from '../context';
import { isBlockedBetween } from './graph';
import { sameIdentity } from './identities';
import { requireVisibleComment, requireVisiblePost } from './lookups';

export const REPORT_TARGET_KINDS = ['post', 'comment', 'account', 'sound'] as const;
export type ReportTargetKind = (typeof REPORT_TARGET_KINDS)[number];

/** Who made the reported thing; the reporter must see it and not be its maker. */
export function requireReportable(
  db: ReadDb,
  reporter: Identity,
  kind: ReportTargetKind,
  targetId: string,
): Identity {
  const maker = makerOf(db, reporter, kind, targetId);
  if (sameIdentity(maker, reporter)) throw new SenderError('You cannot report your own content.');
  return maker;
}

function makerOf(db: ReadDb, reporter: Identity, kind: ReportTargetKind, targetId: string) {
  switch (kind) {
    case 'post':
      return requireVisiblePost(db, reporter, parseId(targetId, kind)).authorId;
    case 'comment':
      return requireVisibleComment(db, reporter, parseId(targetId, kind)).authorId;
    case 'account': {
      const found = db.account.username.find(targetId);
      if (found === null || isBlockedBetween(db, reporter, found.identity)) {
        throw new SenderError(`There is no member named "${targetId}".`);
      }
      return found.identity;
    }
    case 'sound': {
      const found = db.sound.id.find(parseId(targetId, kind));
      const visible =
        found !== null &&
        (found.status === 'approved' || sameIdentity(found.ownerId, reporter)) &&
        !isBlockedBetween(db, reporter, found.ownerId);
      if (!visible) throw new SenderError(`There is no sound ${targetId} that you can see.`);
      return found.ownerId;
    }
  }
}

function parseId(targetId: string, kind: string): bigint {
  if (!/^[1-9][0-9]{0,19}$/.test(targetId)) {
    throw new SenderError(`A ${kind} is reported by its numeric id; got "${targetId}".`);
  }
  return BigInt(targetId);
}
