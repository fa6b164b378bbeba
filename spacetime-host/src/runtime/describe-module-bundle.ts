import { nowMicros } from '../clock/wall-clock.js';
import type { ModuleHost } from './module-host.js';
import { ModuleInstance } from './module-instance.js';

/**
 * A host for a module that is only asked to describe itself: its load-time
 * code may log, but nothing may open a transaction or schedule a call.
 */
const DESCRIBE_ONLY_HOST: ModuleHost = {
  databaseIdentity: 0n,
  now: nowMicros,
  scheduledTables: new Set(),
  jwtPayload: () => undefined,
  log: () => {},
  scheduleImmediate: () => {
    throw new Error('a module being described cannot schedule calls');
  },
  beginProcedureTx: () => {
    throw new Error('a module being described cannot open transactions');
  },
  commitProcedureTx: () => {},
  abortProcedureTx: () => {},
  checkScheduledRow: () => {},
};

/**
 * The BSATN `RawModuleDef` a module bundle describes itself with: the bundle
 * is evaluated in the runtime's sandboxed realm and `__describe_module__` is
 * called, as before publishing and before generating client bindings. Throws
 * `ModuleLoadError` when the bundle does not load.
 */
export function describeModuleBundle(program: string): Uint8Array {
  return ModuleInstance.load(program, DESCRIBE_ONLY_HOST).rawModuleDef;
}
