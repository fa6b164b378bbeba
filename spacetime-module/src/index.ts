// The Kith module: the source of truth for everything social and live.
// schema.ts holds the tables; each file below adds the lifecycle hooks,
// reducers or views of one concept.

export * from './lifecycle/client-connected';
export * from './lifecycle/client-disconnected';
export * from './lifecycle/init';
export * from './reducers/admin-grants';
export * from './reducers/auth-config';
export * from './reducers/blocks';
export * from './reducers/comments';
export * from './reducers/friends';
export * from './reducers/media';
export * from './reducers/moderation';
export * from './reducers/notifications';
export * from './reducers/posts';
export * from './reducers/presence';
export * from './reducers/profile';
export * from './reducers/rate-limit-rules';
export * from './reducers/reactions';
export * from './reducers/reports';
export * from './reducers/sounds';
export * from './reducers/users';
export { default } from './schema';
export * from './views/account-views';
export * from './views/comment-stats-views';
export * from './views/comment-views';
export * from './views/friend-views';
export * from './views/media-views';
export * from './views/moderation-views';
export * from './views/notification-views';
export * from './views/post-stats-views';
export * from './views/post-views';
export * from './views/presence-views';
export * from './views/reaction-views';
export * from './views/service-views';
export * from './views/sound-views';
