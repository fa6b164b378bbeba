export {
  type CommitOptions,
  type CommitUpdates,
  type QuerySetFailure,
  type QuerySetUpdate,
  SubscriptionEngine,
  type SubscriptionEngineOptions,
  SubscriptionSqlError,
  type SubscriptionStats,
  type TableRows,
  type TableRowsUpdate,
  type TableUpdate,
  type ViewRunner,
} from './subscription-engine.js';
