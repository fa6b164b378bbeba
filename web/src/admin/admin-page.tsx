// The admin area: invites, the reports queue, bans and mutes, sounds waiting
// for approval, and the audit log of every admin action.
import { A } from '@solidjs/router';
import { Show } from 'solid-js';
import { describeFailures } from '../connection/subscription-failure';
import { EmptyState } from '../ui/empty-state';
import { usePageTitle } from '../ui/page-title';
import { useAdminTables } from './admin-tables';
import { AuditLogPanel } from './audit-log-panel';
import { BansPanel } from './bans-panel';
import { InvitesPanel } from './invites-panel';
import { ReportsPanel } from './reports-panel';
import { SoundsPanel } from './sounds-panel';
import { useIsAdmin } from './use-is-admin';

export default function AdminPage() {
  usePageTitle(() => 'Admin');
  const isAdmin = useIsAdmin();
  return (
    <Show
      when={isAdmin()}
      fallback={
        <EmptyState title="Admins only">
          <p>
            This area is for the people who run this Kith. <A href="/">Back to your feed</A>
          </p>
        </EmptyState>
      }
    >
      <AdminArea />
    </Show>
  );
}

function AdminArea() {
  const admin = useAdminTables();
  const openReports = () => admin.reports.filter((row) => row.status === 'open').length;
  const pendingSounds = () => admin.sounds.filter((row) => row.status === 'pending').length;
  return (
    <div class="admin-page stack-large">
      <h1 class="page-title">Admin</h1>
      <Show when={admin.failures().length > 0}>
        <p class="form-error" role="alert">
          Couldn’t load {describeFailures(admin.failures()).what}:{' '}
          {describeFailures(admin.failures()).why}{' '}
          <button type="button" class="button small" onClick={() => admin.retryFailed()}>
            Retry
          </button>
        </p>
      </Show>
      <nav class="card settings-nav" aria-label="Admin sections">
        <a href="#reports">Reports ({openReports()})</a>
        <a href="#moderation">Bans and mutes</a>
        <a href="#sounds">Sounds ({pendingSounds()})</a>
        <a href="#invites">Invites</a>
        <a href="#audit">Audit log</a>
      </nav>
      <ReportsPanel admin={admin} />
      <BansPanel admin={admin} />
      <SoundsPanel admin={admin} />
      <InvitesPanel />
      <AuditLogPanel admin={admin} />
    </div>
  );
}
