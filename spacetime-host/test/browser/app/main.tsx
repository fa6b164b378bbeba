// The browser entry: one connection to the database named in the query
// string, shared through SpacetimeDBProvider.
import { render } from 'solid-js/web';
import { SpacetimeDBProvider } from 'spacetimedb/solid';
import { DbConnection } from '../../realtime/module_bindings/index.ts';
import { LiveMessages } from './live-messages.tsx';
import { pageParams } from './page-params.ts';

const params = pageParams(new URLSearchParams(window.location.search));
let builder = DbConnection.builder().withUri(params.host).withDatabaseName(params.database);
if (params.token !== undefined) builder = builder.withToken(params.token);

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
render(
  () => (
    <SpacetimeDBProvider connectionBuilder={builder}>
      <LiveMessages />
    </SpacetimeDBProvider>
  ),
  root,
);
