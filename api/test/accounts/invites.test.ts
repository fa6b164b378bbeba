// Who may create, see and withdraw invites, and the admin setting that lets
// members invite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../support/test-api.js';
import type { ErrorResponse, TestClient } from '../support/test-client.js';
import { testDatabaseKinds } from '../support/test-database.js';

interface InviteList {
  invites: {
    id: string;
    createdBy: string | null;
    usable: boolean;
    maxUses: number;
    uses: number;
  }[];
}

describe.each(testDatabaseKinds())('invites (%s)', (kind) => {
  let api: TestApi;
  let admin: TestClient;
  let member: TestClient;

  beforeAll(async () => {
    api = await createTestApi(kind);
    admin = await api.signUpAdmin();
    member = await api.signUpMember(admin, 'tess');
  });
  afterAll(() => api?.close());

  it('creates an invite with a link, uses and expiry', async () => {
    const created = await admin.expect<{
      code: string;
      url: string;
      invite: Record<string, unknown>;
    }>(201, 'POST', '/v1/invites', { maxUses: 3, expiresInHours: 2 });
    expect(created.url).toBe(`http://kith.test/signup?invite=${created.code}`);
    expect(created.invite).toMatchObject({
      maxUses: 3,
      uses: 0,
      usable: true,
      createdBy: 'admin_user',
    });
    const hours = (Date.parse(String(created.invite.expiresAt)) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(1.9);
    expect(hours).toBeLessThanOrEqual(2);
    // Only the hash is kept.
    const hashes = await api.db.selectFrom('invites').select('codeHash').execute();
    expect(hashes.map((row) => row.codeHash)).not.toContain(created.code);
  });

  it('refuses out-of-range invite settings', async () => {
    for (const body of [
      { maxUses: 0 },
      { maxUses: 101 },
      { maxUses: 1.5 },
      { expiresInHours: 0 },
      { expiresInHours: 721 },
      { maxUses: '2' },
    ]) {
      const answer = await admin.request<ErrorResponse>('POST', '/v1/invites', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error.code).toBe('invalid_request');
    }
  });

  it('lets members invite only when an admin allows it', async () => {
    const refused = await member.request<ErrorResponse>('POST', '/v1/invites', {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');

    expect(
      (
        await member.request<ErrorResponse>('PATCH', '/v1/admin/settings', {
          membersCanInvite: true,
        })
      ).status,
    ).toBe(403);
    expect((await member.request('GET', '/v1/admin/settings')).status).toBe(403);
    expect((await api.client().request('GET', '/v1/admin/settings')).status).toBe(401);

    const on = await admin.expect(200, 'PATCH', '/v1/admin/settings', { membersCanInvite: true });
    expect(on).toEqual({ membersCanInvite: true });
    await member.expect(201, 'POST', '/v1/invites', {});
    expect(await admin.expect(200, 'GET', '/v1/admin/settings')).toEqual({
      membersCanInvite: true,
    });
    await admin.expect(200, 'PATCH', '/v1/admin/settings', { membersCanInvite: false });
    expect((await member.request('POST', '/v1/invites', {})).status).toBe(403);
    const unknown = await admin.request<ErrorResponse>('PATCH', '/v1/admin/settings', {
      openSignups: true,
    });
    expect(unknown.status).toBe(400);
  });

  it('shows members their own invites and admins all of them; only they can withdraw them', async () => {
    const mine = await member.expect<InviteList>(200, 'GET', '/v1/invites');
    expect(mine.invites.length).toBeGreaterThan(0);
    expect(mine.invites.every((invite) => invite.createdBy === 'tess')).toBe(true);
    const all = await admin.expect<InviteList>(200, 'GET', '/v1/invites');
    // null: the first-admin invite, made by no one.
    expect(new Set(all.invites.map((invite) => invite.createdBy))).toEqual(
      new Set(['admin_user', 'tess', null]),
    );

    const adminInvite = all.invites.find((invite) => invite.createdBy === 'admin_user');
    const notYours = await member.request<ErrorResponse>(
      'DELETE',
      `/v1/invites/${adminInvite?.id}`,
    );
    expect(notYours.status).toBe(404);
    const tessInvite = mine.invites[0];
    await admin.expect(204, 'DELETE', `/v1/invites/${tessInvite?.id}`);
    // Withdrawing twice is harmless.
    await member.expect(204, 'DELETE', `/v1/invites/${tessInvite?.id}`);
    const after = await member.expect<InviteList>(200, 'GET', '/v1/invites');
    expect(after.invites.find((invite) => invite.id === tessInvite?.id)?.usable).toBe(false);
    expect(
      (await member.request('DELETE', '/v1/invites/00000000-0000-4000-8000-000000000000')).status,
    ).toBe(404);
  });
});
