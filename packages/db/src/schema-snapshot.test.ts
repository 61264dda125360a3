import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { MIGRATIONS_DIR } from './migrate.ts';

// `pnpm db:migration` updates the snapshot with each migration; a schema edit without a migration
// would leave the database behind the generated client.
it('every change to prisma/schema.prisma has a migration', async () => {
  const schema = await readFile(path.resolve(MIGRATIONS_DIR, '../schema.prisma'), 'utf8');
  const snapshot = await readFile(path.join(MIGRATIONS_DIR, 'schema.snapshot.prisma'), 'utf8');
  expect(snapshot).toBe(schema);
});
