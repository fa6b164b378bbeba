// A tiny OpenID Connect provider on 127.0.0.1 for token-verification tests:
// a discovery document and a JWKS that can rotate or break.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, type JWK } from 'jose';

/** A tiny OpenID Connect provider: discovery document and a JWKS that can rotate. */
export class TestIssuer {
  private server: Server | undefined;
  jwks: JWK[] = [];
  requests: string[] = [];
  broken = false;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.requests.push(req.url ?? '');
      if (this.broken) {
        res.writeHead(500).end('down');
      } else if (req.url === '/.well-known/openid-configuration') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ issuer: this.url, jwks_uri: `${this.url}/jwks.json` }));
      } else if (req.url === '/jwks.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: this.jwks }));
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://localhost:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  async addKey(kid: string, alg: 'RS256' | 'ES256'): Promise<KeyObject> {
    const pair =
      alg === 'RS256'
        ? generateKeyPairSync('rsa', { modulusLength: 2048 })
        : generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    this.jwks = [...this.jwks, { ...(await exportJWK(pair.publicKey)), kid, alg, use: 'sig' }];
    return pair.privateKey;
  }
}
