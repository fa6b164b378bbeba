export { enqueueModuleCall } from './enqueue-module-call.js';
export type { ModuleReducer, ModuleReducerArgs } from './module-reducers.js';
