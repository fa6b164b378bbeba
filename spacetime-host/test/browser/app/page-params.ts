// Where the page connects: the test puts the host, the database and a token
// in the page's query string, as an app would read them from its config.

export interface PageParams {
  readonly host: string;
  readonly database: string;
  readonly token?: string;
}

export class PageParamsError extends Error {}

export function pageParams(search: URLSearchParams): PageParams {
  const host = search.get('host');
  const database = search.get('db');
  if (!host || !database) throw new PageParamsError('the page needs ?host=<url>&db=<name>');
  const token = search.get('token');
  return { host, database, ...(token ? { token } : {}) };
}
