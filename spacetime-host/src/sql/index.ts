export { executeSql, type SqlContext, type SystemVars } from './execute-sql.js';
export { runViewQuery } from './run-view-query.js';
export { SqlError, type SqlErrorKind } from './sql-error.js';
export type { SqlStatementResult } from './sql-result.js';
export { sqlResultsToJson } from './sql-result-json.js';
