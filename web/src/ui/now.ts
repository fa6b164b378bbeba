// One clock for every relative time on the page ("3 min ago"), ticking
// twice a minute, so they all move together without a timer each.
import { createRoot, createSignal } from 'solid-js';

const TICK_MS = 30_000;

export const now = createRoot(() => {
  const [current, setCurrent] = createSignal(Date.now());
  setInterval(() => setCurrent(Date.now()), TICK_MS);
  return current;
});
