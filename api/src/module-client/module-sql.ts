/** The module could not answer a query: unreachable, too slow, or it refused the query. */
export class ModuleQueryError extends Error {
  override readonly name = 'ModuleQueryError';
}

export interface ModuleSqlOptions {
  /** `SPACETIME_URL`, no trailing slash. */
  readonly baseUrl: string;
  /** `SPACETIME_DATABASE` (`kith`). */
  readonly database: string;
  readonly token: () => Promise<string>;
  readonly timeoutMs: number;
}

/** One row of a result, by column name (`user_id`), values in SpacetimeDB's JSON. */
export type ModuleRow = Readonly<Record<string, unknown>>;

/** SpacetimeDB's answer: one result per statement. */
interface StatementResult {
  readonly schema: { readonly elements: readonly { readonly name: { readonly some?: string } }[] };
  readonly rows: readonly (readonly unknown[])[];
}

const MAX_ERROR_CHARS = 500;

/**
 * Runs one SELECT over SpacetimeDB's HTTP API
 * (`POST /v1/database/<db>/sql`, the query as the body), as the identity of
 * `token`, and returns the rows of its result. Views read as the caller sees
 * them. Throws ModuleQueryError when there is no usable answer.
 */
export function createModuleSql(options: ModuleSqlOptions) {
  const url = `${options.baseUrl}/v1/database/${encodeURIComponent(options.database)}/sql`;
  return async (query: string): Promise<readonly ModuleRow[]> => {
    let response: Response;
    let body: string;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${await options.token()}`,
          'content-type': 'text/plain; charset=utf-8',
        },
        body: query,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      body = await response.text();
    } catch (error) {
      throw new ModuleQueryError(`${url}: ${describe(error)}`, { cause: error });
    }
    if (!response.ok) {
      throw new ModuleQueryError(`${url}: ${response.status} ${body.slice(0, MAX_ERROR_CHARS)}`);
    }
    return rowsOf(parseResults(url, body));
  };
}

export type ModuleSql = ReturnType<typeof createModuleSql>;

function parseResults(url: string, body: string): StatementResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    throw new ModuleQueryError(`${url}: the answer is not JSON`, { cause: error });
  }
  const [result] = Array.isArray(parsed) ? parsed : [];
  if (
    typeof result !== 'object' ||
    result === null ||
    !Array.isArray(result.rows) ||
    !Array.isArray(result.schema?.elements)
  ) {
    throw new ModuleQueryError(`${url}: the answer has no result with a schema and rows`);
  }
  return result as StatementResult;
}

function rowsOf(result: StatementResult): readonly ModuleRow[] {
  const names = result.schema.elements.map((element, i) => element.name.some ?? String(i));
  return result.rows.map((row) => Object.fromEntries(names.map((name, i) => [name, row[i]])));
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
