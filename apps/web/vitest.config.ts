import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    name: '@ch/web:unit',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    // As in the other workspaces: user-event flows through a whole page take well under a second
    // alone, but several seconds when the test command runs beside other suites on two cores.
    testTimeout: 30_000,
  },
});
