// The chat fixture's messages as a live list, through the SDK's Solid
// bindings. Rows render as text nodes only: a message is never markup.
import { createMemo, For } from 'solid-js';
import { useSpacetimeDB, useTable } from 'spacetimedb/solid';
import { tables } from '../../realtime/module_bindings/index.ts';

export function LiveMessages() {
  const connection = useSpacetimeDB();
  const [messages, isReady] = useTable(() => tables.message);
  // The SDK's cache has no order; the list shows messages as they were sent.
  const inOrder = createMemo(() =>
    [...messages].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  );
  const status = () => {
    if (connection.connectionError) return `error: ${connection.connectionError.message}`;
    if (!connection.isActive) return 'connecting';
    return isReady() ? 'live' : 'subscribing';
  };
  return (
    <section>
      <p data-testid="status">{status()}</p>
      <p data-testid="identity">{connection.identity?.toHexString() ?? ''}</p>
      <ul data-testid="messages">
        <For each={inOrder()}>
          {(message) => <li data-message-id={message.id.toString()}>{message.text}</li>}
        </For>
      </ul>
    </section>
  );
}
