import { defineConfig } from 'vitest/config';

// One Vitest run covers every package; each package's tests sit beside its code
// (`*.test.ts`) or in its `test/` folder.
export default defineConfig({
  test: {
    projects: ['shared', 'spacetime-host', 'spacetime-module', 'api', 'web', 'scripts'].map(
      (name) => ({
        test: {
          name,
          root: `./${name}`,
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      }),
    ),
  },
});
