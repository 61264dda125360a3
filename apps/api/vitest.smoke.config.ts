import { defineConfig } from 'vitest/config';

// The smoke test of the production build (`pnpm test:smoke` builds first): the compiled server
// started the way `pnpm start:prod` and the image start it, on real PostgreSQL.
export default defineConfig({
  test: {
    name: '@ch/api:smoke',
    environment: 'node',
    include: ['test/**/*.smoke.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
