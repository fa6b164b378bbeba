// The state of one thing a person can do (send, save, accept...): busy while
// it runs, so the control can say so and not run twice, and the error in
// words to show beside the control.
import { createSignal } from 'solid-js';
import { errorMessage } from './error-message';

export interface Action<A extends unknown[]> {
  readonly busy: () => boolean;
  readonly error: () => string | undefined;
  /** Runs the action; resolves true when it succeeded. */
  run(...args: A): Promise<boolean>;
  clearError(): void;
}

export function createAction<A extends unknown[]>(
  perform: (...args: A) => Promise<unknown>,
): Action<A> {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | undefined>(undefined);
  return {
    busy,
    error,
    async run(...args) {
      if (busy()) return false;
      setBusy(true);
      setError(undefined);
      try {
        await perform(...args);
        return true;
      } catch (failure) {
        setError(errorMessage(failure));
        return false;
      } finally {
        setBusy(false);
      }
    },
    clearError: () => setError(undefined),
  };
}
