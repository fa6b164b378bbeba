export { buildModuleSchema, decodeModuleSchema } from './build-module-schema.js';
export { type Case, convertCase } from './case-conversion.js';
export { planMigration } from './migration.js';
export type {
  MigrationCheck,
  MigrationPlan,
  SequenceCheck,
  TableMigration,
} from './migration-plan.js';
export { ModuleDefError } from './module-def-error.js';
export type * from './module-schema.js';
export { decodeRawModuleDef, type RawModuleDefV10 } from './raw-module-def.js';
