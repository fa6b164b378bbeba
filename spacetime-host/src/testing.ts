// For tests only: what lets a test control the host (see README, "Moving time in tests").
export { ManualClock } from './clock/manual-clock.js';
