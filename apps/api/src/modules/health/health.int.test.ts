import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';

const ctx = useTestContext();

describe('health', () => {
  it('GET /healthz answers while the process is up', async () => {
    expect((await request(ctx.app).get('/healthz').expect(200)).body).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers ready once every migration is applied', async () => {
    expect((await request(ctx.app).get('/readyz').expect(200)).body).toEqual({ status: 'ready' });
  });

  it('GET /readyz answers 503 when a migration is missing from the database', async () => {
    await ctx.db.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = now()`;
    const res = await request(ctx.app).get('/readyz').expect(503);
    expect(res.body.status).toBe('migrations_pending');
    await ctx.db.$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = NULL`;
  });

  it('unknown API routes get the error shape, not the web app', async () => {
    const res = await request(ctx.app).get('/api/nope').expect(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'No such endpoint.' } });
  });
});
