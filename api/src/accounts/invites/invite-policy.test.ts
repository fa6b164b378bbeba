import { describe, expect, it } from 'vitest';
import { mayCreateInvite, mayManageInvite } from './invite-policy.js';

const admin = { userId: 'a', role: 'admin' } as const;
const member = { userId: 'm', role: 'member' } as const;

describe('invite policy', () => {
  it.each([
    [admin, false, true],
    [admin, true, true],
    [member, false, false],
    [member, true, true],
  ])('mayCreateInvite(%o, membersCanInvite=%s) is %s', (actor, membersCanInvite, expected) => {
    expect(mayCreateInvite(actor, membersCanInvite)).toBe(expected);
  });

  it.each([
    [admin, { createdBy: 'm' }, true],
    [admin, { createdBy: null }, true],
    [member, { createdBy: 'm' }, true],
    [member, { createdBy: 'a' }, false],
    [member, { createdBy: null }, false],
  ])('mayManageInvite(%o, %o) is %s', (actor, invite, expected) => {
    expect(mayManageInvite(actor, invite)).toBe(expected);
  });
});
