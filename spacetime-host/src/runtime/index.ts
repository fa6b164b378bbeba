export { nowMicros } from '../clock/wall-clock.js';
export { BundleError, type BundleOptions, bundleModule } from './bundle-module.js';
export { describeModuleBundle } from './describe-module-bundle.js';
export { Errno, type ErrnoCode, isErrno, strerror } from './errno.js';
export { lowerBundle } from './lower-bundle.js';
export { ModuleExecutionError, ModuleLoadError, ModuleSenderError } from './module-errors.js';
export type { ModuleHost, ModuleLogEntry, ModuleLogLevel } from './module-host.js';
export { ModuleInstance } from './module-instance.js';
export { SyscallError } from './syscall-error.js';
