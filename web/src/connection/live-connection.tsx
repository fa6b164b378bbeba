// The signed-in app's one connection to the Kith module, shared by every
// live view through spacetimedb/solid's provider. Each connection attempt
// (the first and every automatic reconnect) fetches its own fresh token.
import { DbConnection } from '@kith/shared/module-bindings';
import type { JSX } from 'solid-js';
import { SpacetimeDBProvider } from 'spacetimedb/solid';
import type { ClientConfig } from '../api-client/client-config-api';
import { tokenWebSocketFactory } from './token-web-socket';

export interface LiveConnectionProps {
  readonly config: ClientConfig;
  readonly freshToken: () => Promise<string>;
  readonly children: JSX.Element;
}

export function LiveConnection(props: LiveConnectionProps) {
  const builder = DbConnection.builder()
    .withUri(props.config.spacetimeUrl)
    .withDatabaseName(props.config.database)
    .withCompression('none')
    .withWSFn(tokenWebSocketFactory(props.freshToken));
  return <SpacetimeDBProvider connectionBuilder={builder}>{props.children}</SpacetimeDBProvider>;
}
