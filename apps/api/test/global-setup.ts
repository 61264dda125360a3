import { startTestDatabaseServer } from '@ch/db/testing';
import type { TestProject } from 'vitest/node';

// One PostgreSQL server per test run with a migrated template; each test file clones its own.
export default async function setup(project: TestProject) {
  const server = await startTestDatabaseServer();
  project.provide('dbServerUrl', server.serverUrl);
  return () => server.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbServerUrl: string;
  }
}
