import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@ch/db',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
