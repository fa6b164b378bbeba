// A fresh ID token (15 minutes) for connecting to the Kith module, issued by
// the API's OIDC issuer for the signed-in session.
import { apiRequest } from './http';

/** Where the API issues ID tokens (api/src/oidc/oidc-routes.ts). */
export const ID_TOKEN_PATH = '/v1/auth/token';

export interface IdToken {
  readonly token: string;
  readonly expiresAt: string;
  readonly expiresIn: number;
}

export function fetchIdToken(): Promise<IdToken> {
  return apiRequest('POST', ID_TOKEN_PATH);
}
