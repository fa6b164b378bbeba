import { chmod, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JWK } from 'jose';
import { type KeyRotationTimes, planKeyRotation } from './key-rotation-policy.js';
import {
  generateSigningJwk,
  type SigningKey,
  SigningKeyError,
  signingKeyFromJwk,
} from './signing-key.js';
import type { SigningKeys } from './signing-keys.js';

export interface DataDirSigningKeysOptions {
  /** `${KITH_DATA_DIR}/api-keys`: one `<kid>.json` per key, mode 0600. */
  readonly dir: string;
  readonly times: KeyRotationTimes;
  readonly nowMs?: () => number;
}

interface DatedSigningKey {
  readonly kid: string;
  readonly createdAt: number;
  readonly key: SigningKey;
}

const KEY_FILE = /^[A-Za-z0-9_-]+\.json$/;

/**
 * Keys the API creates and rotates itself in its data directory: right for
 * one instance (or several sharing the directory). Each call re-plans from the
 * keys' creation times; the disk is touched only when a key is created or dropped.
 */
export class DataDirSigningKeys implements SigningKeys {
  private keys: readonly DatedSigningKey[] = [];
  private rotating: Promise<void> | undefined;
  private readonly nowMs: () => number;

  private constructor(private readonly options: DataDirSigningKeysOptions) {
    this.nowMs = options.nowMs ?? Date.now;
  }

  /** Loads the stored keys, creating the directory and the first key on first start. */
  static async open(options: DataDirSigningKeysOptions): Promise<DataDirSigningKeys> {
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    const keys = new DataDirSigningKeys(options);
    await keys.reload();
    await keys.rotateIfDue();
    return keys;
  }

  async signer(): Promise<SigningKey> {
    await this.rotateIfDue();
    const plan = planKeyRotation(this.keys, this.nowMs(), this.options.times);
    const signer = this.keys.find((key) => key.kid === plan.signerKid);
    if (signer === undefined) throw new SigningKeyError(`No signing key in ${this.options.dir}`);
    return signer.key;
  }

  async publicJwks(): Promise<readonly JWK[]> {
    await this.rotateIfDue();
    return this.keys.map((key) => key.key.publicJwk);
  }

  private rotateIfDue(): Promise<void> {
    const plan = planKeyRotation(this.keys, this.nowMs(), this.options.times);
    if (!plan.createKey && plan.dropKids.length === 0) return Promise.resolve();
    this.rotating ??= this.rotate().finally(() => {
      this.rotating = undefined;
    });
    return this.rotating;
  }

  private async rotate(): Promise<void> {
    // Another process sharing the directory may have rotated already.
    await this.reload();
    const plan = planKeyRotation(this.keys, this.nowMs(), this.options.times);
    for (const kid of plan.dropKids) {
      await rm(this.fileOf(kid), { force: true });
    }
    if (plan.createKey) {
      const jwk = await generateSigningJwk();
      const stored = { createdAt: new Date(this.nowMs()).toISOString(), jwk };
      await writePrivateFile(this.fileOf(jwk.kid), `${JSON.stringify(stored, null, 2)}\n`);
    }
    await this.reload();
  }

  private async reload(): Promise<void> {
    const names = (await readdir(this.options.dir)).filter((name) => KEY_FILE.test(name));
    const keys = await Promise.all(names.map((name) => this.readKey(name)));
    this.keys = keys.sort((a, b) => a.createdAt - b.createdAt);
  }

  private async readKey(name: string): Promise<DatedSigningKey> {
    const file = path.join(this.options.dir, name);
    let parsed: { createdAt?: unknown; jwk?: JWK };
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      throw new SigningKeyError(`${file}: not a readable key file (${(error as Error).message})`, {
        cause: error,
      });
    }
    const createdAt = typeof parsed.createdAt === 'string' ? Date.parse(parsed.createdAt) : NaN;
    if (Number.isNaN(createdAt)) throw new SigningKeyError(`${file}: "createdAt" is not a date`);
    const key = await signingKeyFromJwk(parsed.jwk ?? {}, file);
    if (`${key.kid}.json` !== name) throw new SigningKeyError(`${file}: its kid is "${key.kid}"`);
    return { kid: key.kid, createdAt, key };
  }

  private fileOf(kid: string): string {
    return path.join(this.options.dir, `${kid}.json`);
  }
}

/** Writes through a temporary file, so a crash never leaves half a key behind. */
async function writePrivateFile(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text, { mode: 0o600, flag: 'wx' });
  // The umask cannot widen 0600, but an existing directory's files might: be explicit.
  await chmod(temporary, 0o600);
  await rename(temporary, file);
}
