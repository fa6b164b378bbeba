// The web app's tests: unit tests beside the code (components compiled by
// Solid's JSX transform, in happy-dom where a file asks for it), and the
// end-to-end tests in test/e2e against the real stack in Chromium.
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
    testTimeout: 30_000,
    hookTimeout: 180_000,
  },
});
