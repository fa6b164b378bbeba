// The Kith module's schema: every table, all private. Clients read through
// the views in views/, which decide per sender what each person may see.
import { type InferSchema, schema } from 'spacetimedb/server';
import {
  account,
  accountSettings,
  deletedUser,
  formerUsername,
  pendingUsername,
} from './tables/account-tables';
import { comment, commentPurge, commentStats, deletedComment } from './tables/comment-tables';
import { moduleConfig, serviceSession } from './tables/config-tables';
import { block, friendRequest, friendship } from './tables/friend-tables';
import { media } from './tables/media-tables';
import { adminGrant, auditLog, ban, mute, muteExpiry, report } from './tables/moderation-tables';
import { notification } from './tables/notification-tables';
import { post, postMedia, postPurge, postRevision, postStats } from './tables/post-tables';
import { connection, presence, typing, typingExpiry } from './tables/presence-tables';
import { rateBucket, rateLimitRule } from './tables/rate-limit-tables';
import { reaction } from './tables/reaction-tables';
import { sound } from './tables/sound-tables';

const spacetimedb = schema({
  moduleConfig,
  serviceSession,
  account,
  accountSettings,
  formerUsername,
  pendingUsername,
  deletedUser,
  connection,
  presence,
  typing,
  typingExpiry,
  friendRequest,
  friendship,
  block,
  media,
  post,
  postRevision,
  postStats,
  postMedia,
  postPurge,
  comment,
  commentStats,
  deletedComment,
  commentPurge,
  reaction,
  notification,
  adminGrant,
  ban,
  mute,
  muteExpiry,
  report,
  auditLog,
  sound,
  rateLimitRule,
  rateBucket,
});

export default spacetimedb;

export type KithSchema = InferSchema<typeof spacetimedb>;
