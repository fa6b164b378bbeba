// The machine's Chromium under Playwright. Tests never download a browser:
// without /usr/bin/chromium they fail and say how to install it.
import { access, constants } from 'node:fs/promises';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export class ChromiumMissingError extends Error {
  constructor(readonly executablePath: string) {
    super(
      `Chromium is not installed at ${executablePath}. The browser tests need it: ` +
        'run `apt-get install chromium` (CI installs it in .ci/run).',
    );
  }
}

export async function launchChromium(executablePath = CHROMIUM_PATH): Promise<Browser> {
  try {
    await access(executablePath, constants.X_OK);
  } catch {
    throw new ChromiumMissingError(executablePath);
  }
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
