import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The host's ES256 signing key pair, stored as SpacetimeDB standalone stores
 * it: `id_ecdsa` (PKCS#8 PEM private key) and `id_ecdsa.pub` (SPKI PEM public
 * key). The public PEM is what `GET /v1/identity/public-key` serves.
 */
export interface HostKeys {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicKeyPem: string;
}

export class HostKeysError extends Error {
  override readonly name = 'HostKeysError';
}

export const PRIVATE_KEY_FILE = 'id_ecdsa';
export const PUBLIC_KEY_FILE = 'id_ecdsa.pub';

/**
 * Reads the key pair from `keyDir`, creating both files when neither exists.
 * Like SpacetimeDB, one file without the other is an error rather than a
 * silent regeneration, which would invalidate every token already issued.
 */
export async function loadOrCreateHostKeys(keyDir: string): Promise<HostKeys> {
  const privatePath = path.join(keyDir, PRIVATE_KEY_FILE);
  const publicPath = path.join(keyDir, PUBLIC_KEY_FILE);
  const [privatePem, publicPem] = await Promise.all([
    readIfExists(privatePath),
    readIfExists(publicPath),
  ]);
  if (privatePem !== undefined && publicPem !== undefined) {
    return parseHostKeys(privatePem, publicPem, keyDir);
  }
  if (privatePem !== undefined) {
    throw new HostKeysError(`Unable to read public key for JWT token verification: ${publicPath}`);
  }
  if (publicPem !== undefined) {
    throw new HostKeysError(`Unable to read private key for JWT token signing: ${privatePath}`);
  }
  const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const newPrivatePem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const newPublicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  await mkdir(keyDir, { recursive: true });
  // The public key is written last: a crash in between leaves only the
  // private key, which the next start reports instead of overwriting.
  await writeAtomically(privatePath, newPrivatePem, 0o600);
  await writeAtomically(publicPath, newPublicPem, 0o644);
  return parseHostKeys(newPrivatePem, newPublicPem, keyDir);
}

function parseHostKeys(privatePem: string, publicPem: string, keyDir: string): HostKeys {
  let privateKey: KeyObject;
  let publicKey: KeyObject;
  try {
    privateKey = createPrivateKey(privatePem);
    publicKey = createPublicKey(publicPem);
  } catch (error) {
    throw new HostKeysError(`Invalid PEM key in ${keyDir}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  for (const key of [privateKey, publicKey]) {
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new HostKeysError(`The keys in ${keyDir} must be ECDSA P-256 (ES256) keys`);
    }
  }
  const derivedPublic = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  if (!derivedPublic.equals(publicKey.export({ type: 'spki', format: 'der' }))) {
    throw new HostKeysError(
      `${PUBLIC_KEY_FILE} does not belong to ${PRIVATE_KEY_FILE} in ${keyDir}`,
    );
  }
  return { privateKey, publicKey, publicKeyPem: publicPem };
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeAtomically(file: string, contents: string, mode: number): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, contents, { mode });
  await rename(temp, file);
}
