// Tells the Kith module which OIDC issuer to trust (the API's public URL):
// the module refuses every connection but its owner's until this is done.
// `npm start` and `npm run dev` call it after each publish; on a real
// SpacetimeDB the owner runs `spacetime call kith configure_auth ...` once.

export interface ModuleAuthTarget {
  /** The SpacetimeDB server, e.g. http://127.0.0.1:3000. */
  readonly serverUrl: string;
  readonly database: string;
  /** The database owner's token. */
  readonly ownerToken: string;
  /** The API's public URL: the `iss` of its tokens. */
  readonly issuer: string;
  readonly audience: string;
}

export async function configureModuleAuth(target: ModuleAuthTarget): Promise<void> {
  const url = `${target.serverUrl}/v1/database/${encodeURIComponent(target.database)}/call/configure_auth`;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${target.ownerToken}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify([target.issuer, target.audience]),
  });
  if (!response.ok) {
    throw new Error(
      `configure_auth on ${target.database} failed (HTTP ${response.status}): ${(await response.text()).trim()}`,
    );
  }
}
