// Who may do what with invites: pure predicates, tested as a table.
import type { Role } from '../../http/app-env.js';

export interface InviteActor {
  readonly userId: string;
  readonly role: Role;
}

export function mayCreateInvite(actor: InviteActor, membersCanInvite: boolean): boolean {
  return actor.role === 'admin' || membersCanInvite;
}

/** Admins see and revoke every invite; members only their own. */
export function mayManageInvite(actor: InviteActor, invite: { createdBy: string | null }): boolean {
  return actor.role === 'admin' || invite.createdBy === actor.userId;
}
