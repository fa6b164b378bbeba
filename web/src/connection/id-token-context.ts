// The signed-in page's one ID token source, for the few screens that change
// what the tokens say (a new username) and must renew the token the next
// reconnect will use.
import { createContext, useContext } from 'solid-js';
import type { IdTokenSource } from './id-token-source';

export const IdTokenContext = createContext<IdTokenSource>();

export function useIdTokens(): IdTokenSource {
  const tokens = useContext(IdTokenContext);
  if (tokens === undefined) throw new Error('useIdTokens() needs a <LiveConnection> above it');
  return tokens;
}
