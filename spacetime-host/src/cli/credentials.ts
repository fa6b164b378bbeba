import type { ApiClient } from './api-client.js';
import { type CliConfigData, loadConfig, saveConfig } from './cli-config.js';
import type { CliIo } from './cli-io.js';

/**
 * The token this CLI uses on `client`'s server, obtained with
 * `POST /v1/identity` on first use and saved, as the real CLI's
 * `get_login_token_or_log_in` does for a local server. A host whose signing
 * key changed (its data directory was reset) no longer accepts the old
 * token, so a new identity is obtained and the user told.
 */
export async function serverToken(
  client: ApiClient,
  configFile: string,
  io: CliIo,
): Promise<string> {
  const config = await loadConfig(configFile);
  const saved = config.servers[client.baseUrl];
  const publicKey = await (await client.expectOk('GET', '/v1/identity/public-key')).text();
  if (saved !== undefined && (saved.publicKey === undefined || saved.publicKey === publicKey)) {
    return saved.token;
  }
  if (saved !== undefined) {
    io.stderr(
      `The host at ${client.baseUrl} signs with a new key (was its data directory reset?), so your saved identity there is gone; getting a new one.\n`,
    );
  }
  const created = (await (
    await client.expectOk('POST', '/v1/identity', { authenticated: false })
  ).json()) as { identity: string; token: string };
  const updated: CliConfigData = {
    ...config,
    servers: { ...config.servers, [client.baseUrl]: { token: created.token, publicKey } },
  };
  await saveConfig(configFile, updated);
  io.stderr(`Logged in to ${client.baseUrl} with identity ${created.identity}\n`);
  return created.token;
}
