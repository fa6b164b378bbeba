// The module developer's loop as a library, for tools that own their host
// (Kith's `npm run dev`); `spacetime-local dev` is its command-line face.
export {
  type GenerateTarget,
  loadProjectConfig,
  type ProjectConfig,
} from '../cli/project-config.js';
export type { Published } from '../cli/publish-program.js';
export type { CycleOutcome } from './dev-loop.js';
export { type DevSession, type DevSessionOptions, startDevSession } from './dev-session.js';
