import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  HostKeysError,
  loadOrCreateHostKeys,
  PRIVATE_KEY_FILE,
  PUBLIC_KEY_FILE,
} from './host-keys.js';

describe('loadOrCreateHostKeys', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'host-keys-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a P-256 key pair as id_ecdsa / id_ecdsa.pub PEM files on first use', async () => {
    const keyDir = path.join(dir, 'host-keys');
    const keys = await loadOrCreateHostKeys(keyDir);
    const privatePem = await readFile(path.join(keyDir, PRIVATE_KEY_FILE), 'utf8');
    const publicPem = await readFile(path.join(keyDir, PUBLIC_KEY_FILE), 'utf8');
    expect(privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(publicPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(keys.publicKeyPem).toBe(publicPem);
    expect(keys.privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect((await stat(path.join(keyDir, PRIVATE_KEY_FILE))).mode & 0o077).toBe(0);
  });

  it('loads the same keys on the next start', async () => {
    const first = await loadOrCreateHostKeys(dir);
    const second = await loadOrCreateHostKeys(dir);
    expect(second.publicKeyPem).toBe(first.publicKeyPem);
  });

  it('refuses to regenerate when only one of the two files exists', async () => {
    await loadOrCreateHostKeys(dir);
    await rm(path.join(dir, PUBLIC_KEY_FILE));
    await expect(loadOrCreateHostKeys(dir)).rejects.toThrow(/Unable to read public key/);
    await rm(path.join(dir, PRIVATE_KEY_FILE));
    await loadOrCreateHostKeys(dir);
    await rm(path.join(dir, PRIVATE_KEY_FILE));
    await expect(loadOrCreateHostKeys(dir)).rejects.toThrow(/Unable to read private key/);
  });

  it('rejects keys that are not ES256 keys', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await writeFile(
      path.join(dir, PRIVATE_KEY_FILE),
      rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    await writeFile(
      path.join(dir, PUBLIC_KEY_FILE),
      rsa.publicKey.export({ type: 'spki', format: 'pem' }),
    );
    await expect(loadOrCreateHostKeys(dir)).rejects.toBeInstanceOf(HostKeysError);
  });

  it('rejects a public key that does not belong to the private key', async () => {
    await loadOrCreateHostKeys(dir);
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    await writeFile(
      path.join(dir, PUBLIC_KEY_FILE),
      other.publicKey.export({ type: 'spki', format: 'pem' }),
    );
    await expect(loadOrCreateHostKeys(dir)).rejects.toThrow(/does not belong/);
  });

  it('rejects garbage PEM with the directory named', async () => {
    await writeFile(path.join(dir, PRIVATE_KEY_FILE), 'not a key');
    await writeFile(path.join(dir, PUBLIC_KEY_FILE), 'not a key');
    await expect(loadOrCreateHostKeys(dir)).rejects.toThrow(dir);
  });
});
