// JSON over fetch to the API on this origin: the session cookie goes along,
// state-changing requests carry the CSRF token, and every failure is an
// ApiError.
import { ApiError, apiErrorFrom, networkError } from './api-error';
import { csrfToken } from './csrf-token';

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  readonly json?: unknown;
  readonly signal?: AbortSignal;
}

/** Headers every state-changing request needs. */
export function changeHeaders(): Record<string, string> {
  const token = csrfToken();
  return token === undefined ? {} : { 'X-CSRF-Token': token };
}

export async function apiRequest<T>(
  method: Method,
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') Object.assign(headers, changeHeaders());
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw networkError(error);
  }
  if (!response.ok) throw await apiErrorFrom(response);
  if (response.status === 204 || response.status === 202) return undefined as T;
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError('unexpected_response', 'Kith sent an answer this app could not read.', 0);
  }
}
