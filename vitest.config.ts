import { defineConfig } from 'vitest/config';

// One Vitest run covers every package; each package's tests sit beside its code
// (`*.test.ts`) or in its `test/` folder. The web app brings its own project
// config (Solid's JSX transform for its `*.test.tsx` component tests).
export default defineConfig({
  test: {
    projects: [
      ...['shared', 'spacetime-host', 'spacetime-module', 'api', 'scripts'].map((name) => ({
        test: {
          name,
          root: `./${name}`,
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      })),
      './web/vitest.config.ts',
      {
        test: {
          name: 'web-e2e',
          root: './web',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
