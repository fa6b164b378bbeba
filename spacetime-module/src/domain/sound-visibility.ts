// Which ampersounds a member may play.
import type { Account, ReadDb, Sound } from '../context';
import { sameIdentity } from './identities';
import { VisibleContent } from './visibility';

/** Approved sounds of members not in a block with `me`, and every one of `me`'s own. */
export function soundsVisibleTo(db: ReadDb, me: Account): Sound[] {
  const visible = new VisibleContent(db, me.identity);
  const approved = [...db.sound.status.filter('approved')].filter(
    (row) => !sameIdentity(row.ownerId, me.identity) && !visible.isBlocked(row.ownerId),
  );
  return [...approved, ...db.sound.ownerId.filter(me.identity)];
}
