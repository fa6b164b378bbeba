// The admin views, subscribed only while the admin area is open (the module
// serves them to admins only; anyone else gets empty lists).
import { tables } from '@kith/shared/module-bindings';
import { useTable } from 'spacetimedb/solid';

export function useAdminTables() {
  return {
    reports: useTable(() => tables.adminReport)[0],
    reportedPosts: useTable(() => tables.adminReportedPost)[0],
    reportedComments: useTable(() => tables.adminReportedComment)[0],
    sounds: useTable(() => tables.adminSound)[0],
    bans: useTable(() => tables.adminBan)[0],
    mutes: useTable(() => tables.adminMute)[0],
    auditLog: useTable(() => tables.adminAuditLog)[0],
  };
}

export type AdminTables = ReturnType<typeof useAdminTables>;
