// Presence and typing reach friends only, and nobody when a person hides them.
import { t } from 'spacetimedb/server';
import type { Identity, ReadDb } from '../context';
import { friendIdsOf } from '../domain/graph';
import { canSeePost } from '../domain/visibility';
import spacetimedb from '../schema';
import { presence, typing } from '../tables/presence-tables';
import { forMember } from './viewer';

function showsPresence(db: ReadDb, identity: Identity): boolean {
  return db.accountSettings.identity.find(identity)?.hidePresence !== true;
}

export const visiblePresence = spacetimedb.view(
  { name: 'visible_presence', public: true },
  t.array(presence.rowType),
  (ctx) =>
    forMember(ctx, (me) => {
      const out = [];
      const mine = ctx.db.presence.identity.find(me.identity);
      if (mine !== null) out.push(mine);
      for (const friend of friendIdsOf(ctx.db, me.identity)) {
        const theirs = ctx.db.presence.identity.find(friend);
        if (theirs !== null && showsPresence(ctx.db, friend)) out.push(theirs);
      }
      return out;
    }),
);

/** Friends typing a comment on a post you can see. */
export const visibleTyping = spacetimedb.view(
  { name: 'visible_typing', public: true },
  t.array(typing.rowType),
  (ctx) =>
    forMember(ctx, (me) => {
      const out = [];
      for (const friend of friendIdsOf(ctx.db, me.identity)) {
        const row = ctx.db.typing.identity.find(friend);
        if (row === null || !showsPresence(ctx.db, friend)) continue;
        const onPost = ctx.db.post.id.find(row.postId);
        if (onPost !== null && canSeePost(ctx.db, me.identity, onPost)) out.push(row);
      }
      return out;
    }),
);
