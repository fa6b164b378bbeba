import { parseIdentityHex } from '../auth/identity.js';
import { CliError } from './cli-error.js';

export interface RequestOptions {
  readonly body?: string | Uint8Array;
  readonly query?: Readonly<Record<string, string | undefined>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** Send the token, if the client has one (default true). */
  readonly authenticated?: boolean;
}

/** The HTTP API as the real `spacetime` CLI uses it (crates/cli/src/api.rs, util.rs). */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  withToken(token: string | undefined): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  /** Sends a request; only a failure to reach the server throws. */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const url = new URL(`${this.baseUrl}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    const headers: Record<string, string> = { ...options.headers };
    if (options.authenticated !== false && this.token !== undefined) {
      headers.authorization = `Bearer ${this.token}`;
    }
    try {
      return await fetch(url, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: options.body }),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new CliError(
        `Could not reach ${this.baseUrl} (${reason}). Is the host running? Start it with \`spacetime-local start\`.`,
      );
    }
  }

  /** Like `request`, but a non-2xx answer becomes a `CliError` carrying the server's message. */
  async expectOk(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const response = await this.request(method, path, options);
    if (!response.ok) throw await responseError(response);
    return response;
  }

  /**
   * `util::database_identity`: an identity stands for itself, a name is looked
   * up with `GET /v1/database/:name/identity`.
   */
  async databaseIdentity(nameOrIdentity: string): Promise<string> {
    const identity = parseIdentityHex(nameOrIdentity);
    if (identity !== undefined) return identity.toString(16).padStart(64, '0');
    const response = await this.request(
      'GET',
      `/v1/database/${encodeURIComponent(nameOrIdentity)}/identity`,
      { authenticated: false },
    );
    if (response.status === 404)
      throw new CliError(`failed to find database \`${nameOrIdentity}\`.`);
    if (!response.ok) throw await responseError(response);
    return (await response.text()).trim();
  }
}

/** The server's own words, with the status for context. */
export async function responseError(response: Response): Promise<CliError> {
  const text = (await response.text()).trim();
  // Node calls a status it has no name for (SpacetimeDB's 530) "unknown".
  const name =
    response.statusText && response.statusText !== 'unknown' ? ` ${response.statusText}` : '';
  const status = `HTTP ${response.status}${name}`;
  return new CliError(text === '' ? `the server answered ${status}` : `${text} (${status})`);
}
