// The admin views, subscribed only while the admin area is open (the module
// serves them to admins only; anyone else gets empty lists). A view the
// server refuses is said on the page, with a retry, rather than showing an
// empty queue that looks like nothing to do.
import { createMemo } from 'solid-js';
import type { Account } from '../live/live-rows';
import { failuresOf, retryFailed, useView } from '../live/view-subscription';

export function useAdminTables() {
  const subscribed = {
    reports: useView('adminReport'),
    reportedPosts: useView('adminReportedPost'),
    reportedComments: useView('adminReportedComment'),
    sounds: useView('adminSound'),
    bans: useView('adminBan'),
    mutes: useView('adminMute'),
    auditLog: useView('adminAuditLog'),
    accounts: useView('adminAccount'),
  };
  const all = Object.values(subscribed);
  const accounts = createMemo(
    () => new Map(subscribed.accounts.rows.map((row) => [row.identity.toHexString(), row])),
  );
  return {
    reports: subscribed.reports.rows,
    reportedPosts: subscribed.reportedPosts.rows,
    reportedComments: subscribed.reportedComments.rows,
    sounds: subscribed.sounds.rows,
    bans: subscribed.bans.rows,
    mutes: subscribed.mutes.rows,
    auditLog: subscribed.auditLog.rows,
    /**
     * Any account by identity hex, for naming the people in reports, bans and
     * mutes: the member views leave out anyone in a block with the admin.
     */
    account: (hex: string): Account | undefined => accounts().get(hex),
    accountNamed: (username: string): Account | undefined =>
      subscribed.accounts.rows.find((row) => row.username === username),
    failures: failuresOf(all),
    retryFailed: () => retryFailed(all),
  };
}

export type AdminTables = ReturnType<typeof useAdminTables>;
