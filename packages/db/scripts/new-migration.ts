// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes the schema as
// of the last migration (prisma/migrations/schema.snapshot.prisma) to prisma/schema.prisma, then
// updates the snapshot. The stock `prisma migrate dev` cannot run on machines without its
// downloadable engine; Prisma's WebAssembly schema engine can diff two datamodels with no
// database at all. See docs/decisions/002-migrations.md. Usage: pnpm db:migration <name>
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { SchemaEngine } from '@prisma/schema-engine-wasm';
import { startEmbeddedPostgres } from '../src/embedded.ts';
import { MIGRATIONS_DIR } from '../src/migrate.ts';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: pnpm db:migration <snake_case_name>');
  process.exit(2);
}
const schemaPath = path.resolve(MIGRATIONS_DIR, '../schema.prisma');
const snapshotPath = path.join(MIGRATIONS_DIR, 'schema.snapshot.prisma');
const schema = await readFile(schemaPath, 'utf8');
const previous = existsSync(snapshotPath) ? await readFile(snapshotPath, 'utf8') : null;

// Diffing two datamodels reads no database, but the engine connects its adapter at start: give it
// a throwaway embedded server.
const dataDir = await mkdtemp(path.join(tmpdir(), 'migration-'));
const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), persistent: false });
const adapter = bindMigrationAwareSqlAdapterFactory(
  new PrismaPg({ connectionString: `${server.serverUrl}/postgres` }),
);
const engine = await SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => {}, adapter);
const result = await engine.diff({
  from:
    previous === null
      ? { tag: 'empty' }
      : { tag: 'schemaDatamodel', files: [{ path: snapshotPath, content: previous }] },
  to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
  script: true,
  exitCode: null,
  filters: { externalTables: [], externalEnums: [] },
} as never);
const sql = result.stdout ?? '';
if (!sql.trim() || sql.includes('This is an empty migration')) {
  console.error('No changes: the migrations already match prisma/schema.prisma.');
} else {
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'migration.sql'), sql);
  await writeFile(snapshotPath, schema);
  console.error(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
}
await server.stop();
await rm(dataDir, { recursive: true, force: true });
// The engine leaves long timers armed; exit explicitly.
process.exit(0);
