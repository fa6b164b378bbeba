export { REDUCER_FAILED_STATUS } from './call-route.js';
export { type CallerMode, callerAuth } from './caller-auth.js';
export { type DatabaseAction, mayCallFunction, mayPerform } from './database-policy.js';
export { createHttpApp } from './http-app.js';
export type { HttpAuth } from './http-auth.js';
export type { HttpCaller, HttpEnv } from './http-env.js';
export { HttpError } from './http-error.js';
export type { HttpAppOptions, SubscribeHandler } from './http-options.js';
export { ListenError } from './listen-error.js';
export {
  databaseNameProblem,
  type NameOrIdentity,
  parseNameOrIdentity,
} from './name-or-identity.js';
export { type RunningServer, type StartServerOptions, startServer } from './start-server.js';
