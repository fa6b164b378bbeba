// Every admin action: who, what, when and why, newest first.
import { createMemo, For, Show } from 'solid-js';
import { displayNameOf } from '../profiles/display-name';
import { SettingsSection } from '../settings/settings-section';
import { TimeAgo } from '../ui/time-ago';
import type { AdminTables } from './admin-tables';

export function AuditLogPanel(props: { readonly admin: AdminTables }) {
  const entries = createMemo(() =>
    [...props.admin.auditLog].sort((a, b) =>
      a.at.microsSinceUnixEpoch > b.at.microsSinceUnixEpoch ? -1 : 1,
    ),
  );
  const actorName = (hex: string) => {
    const account = props.admin.account(hex);
    return account === undefined ? 'the database owner' : displayNameOf(account);
  };
  return (
    <SettingsSection id="audit" title="Audit log">
      <Show when={entries().length > 0} fallback={<p class="muted">No admin actions yet.</p>}>
        {/* It scrolls sideways on a phone; keyboard users scroll it once it has focus. */}
        <section class="table-scroll" tabindex="0" aria-label="Audit log table">
          <table class="table">
            <caption class="visually-hidden">Admin actions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">On</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              <For each={entries().slice(0, 200)}>
                {(entry) => (
                  <tr>
                    <td>
                      <TimeAgo at={entry.at.toDate()} />
                    </td>
                    <td>{actorName(entry.actorId.toHexString())}</td>
                    <td>{entry.action.replaceAll('_', ' ')}</td>
                    <td>
                      {entry.targetKind} {entry.targetId}
                      <Show when={entry.detail}>
                        <br />
                        <span class="muted small">{entry.detail}</span>
                      </Show>
                    </td>
                    <td>{entry.reason}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </section>
      </Show>
    </SettingsSection>
  );
}
