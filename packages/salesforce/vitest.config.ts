import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: '@ch/salesforce:unit',
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, '**/*.int.test.ts'],
    testTimeout: 30_000,
  },
});
