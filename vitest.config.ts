import { defineConfig } from 'vitest/config';

// Each workspace brings its own projects: `vitest.config.ts` holds its unit tests (`*.test.ts`:
// no database, no server) and `vitest.int.config.ts` its integration tests (`*.int.test.ts`: real
// PostgreSQL, or a real server over HTTP). Project names end in `:unit` or `:int`, which is how
// `pnpm test:unit` and `pnpm test:int` choose (docs/decisions/015-test-layout.md).
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      'packages/*/vitest.int.config.ts',
      'apps/*/vitest.int.config.ts',
    ],
  },
});
