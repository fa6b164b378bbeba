// Making invite links and keeping track of them: a link is shown once, when
// made (Kith keeps only its hash), and can be copied or withdrawn.
import { createResource, createSignal, For, Show } from 'solid-js';
import {
  type CreatedInvite,
  createInvite,
  listInvites,
  revokeInvite,
} from '../api-client/invites-api';
import { createAction } from '../ui/create-action';
import { errorMessage } from '../ui/error-message';
import { FormError } from '../ui/form-error';
import { TimeAgo } from '../ui/time-ago';

export function InvitePanel(props: { readonly showCreator?: boolean }) {
  const [invites, { refetch }] = createResource(listInvites);
  const [maxUses, setMaxUses] = createSignal(1);
  const [days, setDays] = createSignal(7);
  const [created, setCreated] = createSignal<CreatedInvite | undefined>(undefined);
  // 'copied', or 'select' when the browser would not copy (no clipboard on a
  // plain-http address, or permission refused): the link is selected instead.
  const [copied, setCopied] = createSignal<'copied' | 'select' | undefined>(undefined);
  const make = createAction(async () => {
    setCopied(undefined);
    setCreated(await createInvite(maxUses(), days() * 24));
    await refetch();
  });
  const revoke = createAction(async (id: string) => {
    await revokeInvite(id);
    await refetch();
  });
  let urlField: HTMLInputElement | undefined;
  const copy = async (url: string) => {
    try {
      // Missing outside secure contexts, though typed as always there.
      if (navigator.clipboard === undefined) throw new Error('no clipboard here');
      await navigator.clipboard.writeText(url);
      setCopied('copied');
    } catch {
      setCopied('select');
      urlField?.focus();
      urlField?.select();
    }
  };
  const copyKeys = () => (/Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘C' : 'Ctrl+C');
  return (
    <div class="stack">
      <form
        class="row wrap"
        onSubmit={(event) => {
          event.preventDefault();
          void make.run();
        }}
      >
        <div class="field inline">
          <label for="invite-uses">People who can use it</label>
          <input
            id="invite-uses"
            type="number"
            min="1"
            max="100"
            value={maxUses()}
            onInput={(event) => setMaxUses(Number(event.currentTarget.value) || 1)}
          />
        </div>
        <div class="field inline">
          <label for="invite-days">Days it works</label>
          <input
            id="invite-days"
            type="number"
            min="1"
            max="30"
            value={days()}
            onInput={(event) => setDays(Number(event.currentTarget.value) || 1)}
          />
        </div>
        <button type="submit" class="button primary" disabled={make.busy()}>
          {make.busy() ? 'Making…' : 'Make invite link'}
        </button>
      </form>
      <FormError message={make.error()} />
      <Show when={created()}>
        {(invite) => (
          <div class="invite-created" role="status">
            <p>Send this link to your friend. It is shown only now.</p>
            <div class="row">
              <input
                ref={urlField}
                class="invite-url"
                readOnly
                value={invite().url}
                aria-label="Invite link"
                aria-describedby={copied() === 'select' ? 'invite-copy-hint' : undefined}
                onFocus={(event) => event.currentTarget.select()}
              />
              <button type="button" class="button" onClick={() => void copy(invite().url)}>
                {copied() === 'copied' ? 'Copied' : 'Copy'}
              </button>
            </div>
            <Show when={copied() === 'select'}>
              <p class="small" id="invite-copy-hint">
                This browser would not copy it. The link is selected: press {copyKeys()} to copy.
              </p>
            </Show>
          </div>
        )}
      </Show>
      <Show when={!invites.error} fallback={<FormError message={errorMessage(invites.error)} />}>
        <Show when={(invites() ?? []).length > 0}>
          <table class="table">
            <caption class="visually-hidden">Invites</caption>
            <thead>
              <tr>
                <Show when={props.showCreator}>
                  <th scope="col">Made by</th>
                </Show>
                <th scope="col">Used</th>
                <th scope="col">Expires</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={invites()}>
                {(invite) => (
                  <tr>
                    <Show when={props.showCreator}>
                      <td>{invite.createdBy ? `@${invite.createdBy}` : '(first admin link)'}</td>
                    </Show>
                    <td>
                      {invite.uses} / {invite.maxUses}
                    </td>
                    <td>
                      <TimeAgo at={new Date(invite.expiresAt)} />
                    </td>
                    <td>
                      {invite.usable
                        ? 'Usable'
                        : invite.revokedAt
                          ? 'Withdrawn'
                          : 'Used up or expired'}
                    </td>
                    <td>
                      <Show when={invite.usable}>
                        <button
                          type="button"
                          class="button ghost small"
                          disabled={revoke.busy()}
                          onClick={() => void revoke.run(invite.id)}
                        >
                          Withdraw
                        </button>
                      </Show>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </Show>
      <FormError message={revoke.error()} />
    </div>
  );
}
