// The signed-in person's account at the API: email and display name, the
// username, the password, the data export, deletion; and their sessions.
import type { ApiUser } from './auth-api';
import { apiRequest } from './http';

export interface ProfileChange {
  readonly displayName?: string;
}

export async function updateAccount(change: ProfileChange): Promise<ApiUser> {
  const { user } = await apiRequest<{ user: ApiUser }>('PATCH', '/v1/account', { json: change });
  return user;
}

/**
 * Sets the email address reset links go to (null removes it); needs the
 * password, and ends the reset links sent so far. The account as changed.
 */
export async function changeEmail(email: string | null, password: string): Promise<ApiUser> {
  const { user } = await apiRequest<{ user: ApiUser }>('PATCH', '/v1/account', {
    json: { email, password },
  });
  return user;
}

/** Changes the username (sign-up's rules; needs the password); the account as changed. */
export async function changeUsername(username: string, password: string): Promise<ApiUser> {
  const { user } = await apiRequest<{ user: ApiUser }>('POST', '/v1/account/username', {
    json: { username, password },
  });
  return user;
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return apiRequest('POST', '/v1/account/password', { json: { currentPassword, newPassword } });
}

export function deleteAccount(password: string): Promise<void> {
  return apiRequest('DELETE', '/v1/account', { json: { password } });
}

export function exportAccount(): Promise<Record<string, unknown>> {
  return apiRequest('GET', '/v1/account/export');
}

export interface SessionInfo {
  readonly id: string;
  readonly kind: 'cookie' | 'bearer';
  readonly current: boolean;
  readonly userAgent: string | null;
  readonly ip: string | null;
  readonly createdAt: string;
  readonly lastUsedAt: string;
  readonly expiresAt: string;
}

export async function listSessions(): Promise<SessionInfo[]> {
  const { sessions } = await apiRequest<{ sessions: SessionInfo[] }>('GET', '/v1/sessions');
  return sessions;
}

export function endSession(id: string): Promise<void> {
  return apiRequest('DELETE', `/v1/sessions/${encodeURIComponent(id)}`);
}
