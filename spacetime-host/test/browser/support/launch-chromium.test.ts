import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChromiumMissingError, launchChromium } from './launch-chromium.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('launchChromium', () => {
  it('fails with the install hint when there is no Chromium, instead of downloading one', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'no-chromium-'));
    dirs.push(dir);
    const missing = path.join(dir, 'chromium');
    const failure = launchChromium(missing);
    await expect(failure).rejects.toBeInstanceOf(ChromiumMissingError);
    await expect(failure).rejects.toThrow(
      `Chromium is not installed at ${missing}. The browser tests need it: run \`apt-get install chromium\``,
    );
  });

  it('treats a file that cannot be executed as missing', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'no-chromium-'));
    dirs.push(dir);
    const notExecutable = path.join(dir, 'chromium');
    await writeFile(notExecutable, '#!/bin/sh\n', { mode: 0o644 });
    await expect(launchChromium(notExecutable)).rejects.toBeInstanceOf(ChromiumMissingError);
  });
});
