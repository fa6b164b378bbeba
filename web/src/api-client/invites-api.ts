// Invites: make one to send to a friend, see the ones made, withdraw one;
// and the instance setting that lets members invite.
import { apiRequest } from './http';

export interface Invite {
  readonly id: string;
  readonly createdBy: string | null;
  readonly maxUses: number;
  readonly uses: number;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly createdAt: string;
  readonly usable: boolean;
}

export interface CreatedInvite {
  readonly invite: Invite;
  readonly code: string;
  readonly url: string;
}

export function createInvite(maxUses: number, expiresInHours: number): Promise<CreatedInvite> {
  return apiRequest('POST', '/v1/invites', { json: { maxUses, expiresInHours } });
}

export async function listInvites(): Promise<Invite[]> {
  const { invites } = await apiRequest<{ invites: Invite[] }>('GET', '/v1/invites');
  return invites;
}

export function revokeInvite(id: string): Promise<void> {
  return apiRequest('DELETE', `/v1/invites/${encodeURIComponent(id)}`);
}

export interface InstanceSettings {
  readonly membersCanInvite: boolean;
}

export function readInstanceSettings(): Promise<InstanceSettings> {
  return apiRequest('GET', '/v1/admin/settings');
}

export function updateInstanceSettings(
  change: Partial<InstanceSettings>,
): Promise<InstanceSettings> {
  return apiRequest('PATCH', '/v1/admin/settings', { json: change });
}
