// The web app's unit tests beside the code (components compiled by Solid's
// JSX transform, resolved with the browser conditions, in happy-dom where a
// file asks for it). The end-to-end tests in test/e2e drive the real stack
// from Node, so they are a project of their own (web-e2e, in the root
// vitest.config.ts) resolved as Node code.
import solid from 'vite-plugin-solid';
import { defineProject } from 'vitest/config';

export default defineProject({
  plugins: [solid()],
  resolve: { conditions: ['browser', 'development'] },
  test: {
    name: 'web',
    // vite-plugin-solid would pick jsdom; files that need a DOM ask for happy-dom.
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
