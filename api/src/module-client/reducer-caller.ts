/** What became of one reducer call. */
export type CallOutcome =
  | { readonly kind: 'delivered' }
  /** Not delivered for now (network, module down or not published yet, auth not set up yet): try again later. */
  | { readonly kind: 'unreachable'; readonly error: string }
  /** The module ran the reducer, or parsed the call, and refused it: trying again changes nothing. */
  | { readonly kind: 'refused'; readonly error: string };

export interface ReducerCallerOptions {
  /** `SPACETIME_URL`, no trailing slash. */
  readonly baseUrl: string;
  /** `SPACETIME_DATABASE` (`kith`). */
  readonly database: string;
  readonly token: () => Promise<string>;
  readonly timeoutMs: number;
}

/** SpacetimeDB's status for "the reducer threw" (a SenderError or a module bug). */
const REDUCER_FAILED = 530;
const MAX_ERROR_CHARS = 2000;

/**
 * Calls a reducer over SpacetimeDB's HTTP API
 * (`POST /v1/database/<db>/call/<reducer>`, a JSON array of arguments) and
 * sorts the answer into delivered, retry later, or refused for good:
 *
 * - 530 (the reducer threw) and 400 (the arguments do not fit) are refusals;
 * - 401/403 (token not accepted, `clientConnected` refused: the issuer is not
 *   configured yet), 404 (database not published yet), 5xx and network
 *   failures are retried, since an operator or a restart fixes them.
 */
export function createReducerCaller(options: ReducerCallerOptions) {
  return async (reducer: string, args: unknown): Promise<CallOutcome> => {
    const url = `${options.baseUrl}/v1/database/${encodeURIComponent(options.database)}/call/${encodeURIComponent(reducer)}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await options.token()}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify(args),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      return { kind: 'unreachable', error: `${url}: ${describe(error)}` };
    }
    const text = (await response.text().catch((error: unknown) => describe(error))).slice(
      0,
      MAX_ERROR_CHARS,
    );
    if (response.ok) return { kind: 'delivered' };
    const error = `${reducer}: ${response.status} ${text}`.trim();
    if (response.status === REDUCER_FAILED || response.status === 400)
      return { kind: 'refused', error };
    return { kind: 'unreachable', error };
  };
}

export type ReducerCaller = ReturnType<typeof createReducerCaller>;

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
