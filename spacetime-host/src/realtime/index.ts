export type { RealtimeOptions } from './realtime-options.js';
export { createRealtime, type Realtime } from './realtime-server.js';
export {
  isRealtimeDatabase,
  type QuerySetRowsUpdate,
  type RealtimeDatabase,
  type SubscriptionEngineFactory,
  type SubscriptionPort,
  type TableRowsUpdate,
} from './subscription-port.js';
