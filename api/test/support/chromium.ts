// The machine's Chromium under Playwright, for tests that need a real
// browser (Content-Security-Policy is only enforced by one). Nothing is ever
// downloaded: without /usr/bin/chromium the test fails saying how to install it.
import { access, constants } from 'node:fs/promises';
import { type Browser, chromium } from 'playwright-core';

const CHROMIUM_PATH = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  try {
    await access(CHROMIUM_PATH, constants.X_OK);
  } catch {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM_PATH}: run \`apt-get install chromium\` (CI installs it).`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
