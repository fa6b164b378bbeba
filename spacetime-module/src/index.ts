// The Kith module: the source of truth for everything social and live.
// schema.ts holds the tables; each file below adds the reducers or views of
// one concept.

export * from './lifecycle/client-connected';
export * from './lifecycle/client-disconnected';
export * from './lifecycle/init';
export * from './reducers/auth-config';
export * from './reducers/media';
export * from './reducers/users';
export { default } from './schema';
