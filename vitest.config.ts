import { defineConfig } from 'vitest/config';

// Each workspace that has tests brings its own vitest config (environment, global setup).
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts'],
  },
});
