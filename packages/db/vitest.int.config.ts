import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@ch/db:int',
    environment: 'node',
    include: ['src/**/*.int.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
