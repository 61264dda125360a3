import { defineConfig } from 'vitest/config';

// Each workspace brings its own projects: `vitest.config.ts` holds its unit tests (`*.test.ts`:
// no database, no server) and `vitest.int.config.ts` its integration tests (`*.int.test.ts`: real
// PostgreSQL, or a real server over HTTP); apps/api's `vitest.smoke.config.ts` its smoke test of the
// compiled server (`*.smoke.test.ts`, run after `pnpm build`). Project names end in `:unit`, `:int`
// or `:smoke`, which is how `pnpm test:unit`, `test:int` and `test:smoke` choose
// (docs/decisions/015-test-layout.md, 025-production-build.md).
export default defineConfig({
  test: {
    projects: [
      'packages/*/vitest.config.ts',
      'apps/*/vitest.config.ts',
      'packages/*/vitest.int.config.ts',
      'apps/*/vitest.int.config.ts',
      'apps/*/vitest.smoke.config.ts',
    ],
  },
});
