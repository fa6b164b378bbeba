// Where the browser finds the realtime database: runtime configuration from
// the API, so one build of the app serves any deployment.
import { ApiError } from './api-error';
import { apiRequest } from './http';

export interface ClientConfig {
  /** ws:// or wss:// URL of the SpacetimeDB server. */
  readonly spacetimeUrl: string;
  readonly database: string;
}

/** What a local `npm start` or `npm run dev` serves, for an API without /v1/client-config. */
export const LOCAL_CLIENT_CONFIG: ClientConfig = {
  spacetimeUrl: 'ws://127.0.0.1:3000',
  database: 'kith',
};

export async function fetchClientConfig(): Promise<ClientConfig> {
  try {
    return await apiRequest<ClientConfig>('GET', '/v1/client-config');
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return LOCAL_CLIENT_CONFIG;
    throw error;
  }
}
