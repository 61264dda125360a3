import { defineConfig } from 'prisma/config';

// The URL is only added when DATABASE_URL is set: `prisma generate` needs none, and reading a
// missing variable here would throw. Migrations are applied by packages/db's runner, not the CLI.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
