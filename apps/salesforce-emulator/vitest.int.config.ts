import { defineConfig } from 'vitest/config';

// Against the emulator over real HTTP (port 0).
export default defineConfig({
  test: {
    name: '@ch/salesforce-emulator:int',
    environment: 'node',
    include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
    testTimeout: 30_000,
  },
});
