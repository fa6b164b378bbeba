// Calling the module's reducers from the page: refused at once while the
// connection is down (rather than queued out of sight), and failing with the
// module's own words, which are written for people ("You already asked ana;
// wait for an answer.").
import type { DbConnection } from '@kith/shared/module-bindings';

export type Reducers = DbConnection['reducers'];

/** Runs one reducer call; rejects with an ActionError the page can show as it is. */
export type Act = (run: (reducers: Reducers) => Promise<void>) => Promise<void>;

export class ActionError extends Error {
  override readonly name = 'ActionError';
}

/** How long a call may go unanswered before the person is told. */
export const ACTION_TIMEOUT_MS = 20_000;

export const OFFLINE_MESSAGE =
  'You are offline right now. Kith is reconnecting; try again in a moment.';

export function createAct(connection: () => DbConnection | undefined): Act {
  return async (run) => {
    const live = connection();
    if (live === undefined) throw new ActionError(OFFLINE_MESSAGE);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new ActionError(
              'Kith did not answer in time. Check your connection, then look again before retrying.',
            ),
          ),
        ACTION_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([run(live.reducers), timeout]);
    } catch (error) {
      throw asActionError(error);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** The module's refusal as it is; anything else in general words. */
export function asActionError(error: unknown): ActionError {
  if (error instanceof ActionError) return error;
  if (error instanceof Error && error.name === 'SenderError') return new ActionError(error.message);
  const wrapped = new ActionError('Something went wrong on Kith’s side. Try again in a moment.');
  wrapped.cause = error;
  return wrapped;
}
