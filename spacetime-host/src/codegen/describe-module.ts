// Codegen reads a module's definition exactly as publishing does; the runtime owns how.
export { describeModuleBundle } from '../runtime/describe-module-bundle.js';
