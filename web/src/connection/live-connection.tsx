// The signed-in app's one connection to the Kith module, shared by every
// live view through spacetimedb/solid's provider. Each connection attempt
// (the first and every automatic reconnect) fetches its own fresh token from
// the page's token source, which it also lends to the screens below.
import { DbConnection } from '@kith/shared/module-bindings';
import type { JSX } from 'solid-js';
import { SpacetimeDBProvider } from 'spacetimedb/solid';
import type { ClientConfig } from '../api-client/client-config-api';
import { IdTokenContext } from './id-token-context';
import type { IdTokenSource } from './id-token-source';
import { tokenWebSocketFactory } from './token-web-socket';

export interface LiveConnectionProps {
  readonly config: ClientConfig;
  readonly tokens: IdTokenSource;
  readonly children: JSX.Element;
}

export function LiveConnection(props: LiveConnectionProps) {
  const builder = DbConnection.builder()
    .withUri(props.config.spacetimeUrl)
    .withDatabaseName(props.config.database)
    .withCompression('none')
    .withWSFn(tokenWebSocketFactory(() => props.tokens.fresh()));
  return (
    <IdTokenContext.Provider value={props.tokens}>
      <SpacetimeDBProvider connectionBuilder={builder}>{props.children}</SpacetimeDBProvider>
    </IdTokenContext.Provider>
  );
}
