// One Kith stack (what `npm start` runs) and one Chromium for a test file:
// started before its first test, stopped after its last.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type KithStack, startKithStack } from './kith-stack.js';
import { launchChromium } from './launch-chromium.js';

export interface BrowserStack {
  readonly browser: Browser;
  readonly stack: KithStack;
}

export function useBrowserStack(): BrowserStack {
  const started: { browser?: Browser; stack?: KithStack } = {};
  beforeAll(async () => {
    started.browser = await launchChromium();
    started.stack = await startKithStack();
  }, 180_000);
  afterAll(async () => {
    await started.browser?.close();
    await started.stack?.close();
  });
  return {
    get browser() {
      if (started.browser === undefined) throw new Error('Chromium is not started yet');
      return started.browser;
    },
    get stack() {
      if (started.stack === undefined) throw new Error('the Kith stack is not started yet');
      return started.stack;
    },
  };
}
