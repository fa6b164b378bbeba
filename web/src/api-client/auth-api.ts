// Signing up, logging in and out, the current session, password resets.
import { ApiError } from './api-error';
import { apiRequest } from './http';

export interface ApiUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly role: 'admin' | 'member';
  readonly createdAt: string;
}

export interface ApiSession {
  readonly id: string;
  readonly kind: 'cookie' | 'bearer';
  readonly expiresAt: string;
  readonly csrfToken: string;
}

export interface SignedIn {
  readonly user: ApiUser;
  readonly session: ApiSession;
}

export interface SignUpRequest {
  readonly inviteCode: string;
  readonly username: string;
  readonly password: string;
  readonly displayName?: string;
  readonly email?: string;
}

export function signUp(request: SignUpRequest): Promise<SignedIn> {
  return apiRequest('POST', '/v1/auth/signup', { json: { ...request, session: 'cookie' } });
}

export function logIn(username: string, password: string): Promise<SignedIn> {
  return apiRequest('POST', '/v1/auth/login', {
    json: { username, password, session: 'cookie' },
  });
}

export function logOut(): Promise<void> {
  return apiRequest('POST', '/v1/auth/logout');
}

/** The signed-in person, or null when nobody is (a 401). */
export async function currentSession(): Promise<SignedIn | null> {
  try {
    return await apiRequest<SignedIn>('GET', '/v1/auth/session');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function requestPasswordReset(login: string): Promise<void> {
  return apiRequest('POST', '/v1/auth/password-reset', { json: { login } });
}

export function confirmPasswordReset(token: string, newPassword: string): Promise<void> {
  return apiRequest('POST', '/v1/auth/password-reset/confirm', { json: { token, newPassword } });
}
