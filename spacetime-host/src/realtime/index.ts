export type { RealtimeOptions } from './realtime-options.js';
export { createRealtime, type Realtime } from './realtime-server.js';
export {
  isRealtimeDatabase,
  type RealtimeDatabase,
  type SubscriptionEngineFactory,
  type SubscriptionPort,
  subscriptionEngineFor,
} from './subscription-port.js';
