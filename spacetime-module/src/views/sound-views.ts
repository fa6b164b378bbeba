// Ampersounds you may play: approved ones of members not in a block with you,
// and your own whatever their review.
import { t } from 'spacetimedb/server';
import { soundsVisibleTo } from '../domain/sound-visibility';
import spacetimedb from '../schema';
import { sound } from '../tables/sound-tables';
import { forMember } from './viewer';

export const visibleSound = spacetimedb.view(
  { name: 'visible_sound', public: true },
  t.array(sound.rowType),
  (ctx) => forMember(ctx, (me) => soundsVisibleTo(ctx.db, me)),
);
