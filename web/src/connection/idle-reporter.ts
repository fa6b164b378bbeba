// Tells the module when this tab is in the background, so friends see the
// person as idle rather than online while every tab of theirs is hidden.
import { createEffect, onCleanup } from 'solid-js';
import { useLive } from '../live/live-context';
import { isServing } from './connection-phase';

export function useIdleReporter(): void {
  const { act, phase } = useLive();
  const report = () => {
    if (!isServing(phase())) return;
    act((reducers) => reducers.setIdle({ idle: document.visibilityState === 'hidden' })).catch(
      // Presence is a courtesy: a failed report is corrected by the next one.
      () => undefined,
    );
  };
  createEffect(() => {
    if (isServing(phase()) && document.visibilityState === 'hidden') report();
  });
  document.addEventListener('visibilitychange', report);
  onCleanup(() => document.removeEventListener('visibilitychange', report));
}
