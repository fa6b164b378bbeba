export type { Clock } from './clock.js';
export { ManualClock } from './manual-clock.js';
export { nowMicros, WallClock, wallClock } from './wall-clock.js';
