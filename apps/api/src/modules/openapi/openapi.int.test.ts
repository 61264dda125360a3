import { v1Operations } from '@ch/contracts';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { useTestContext } from '../../../test/context.ts';
import { toOpenApiPath } from './openapi-document.ts';
import { v1Routes } from './v1-routes.ts';

const ctx = useTestContext();

type Json = Record<string, unknown>;

function refsIn(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) refsIn(item, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else refsIn(value, found);
    }
  }
  return found;
}

function resolve(doc: Json, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, part) => (node as Json | undefined)?.[part], doc);
}

/** What the Express router really serves, read from its stack: [method, OpenAPI path]. */
function registeredRoutes(): string[] {
  const router = v1Routes(ctx.deps) as unknown as {
    stack: { route?: { path: string; methods: Record<string, boolean> } }[];
  };
  return router.stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods).map((method) => `${method} ${toOpenApiPath(layer.route!.path)}`)
      : [],
  );
}

describe('GET /api/v1/openapi.json', () => {
  it('is a public OpenAPI 3.1 JSON document whose every $ref resolves', async () => {
    const res = await request(ctx.app).get('/api/v1/openapi.json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const doc = res.body as Json;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc).toMatchObject({
      info: { title: expect.any(String), version: '1.0.0' },
      servers: [{ url: '/api/v1' }],
    });
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) expect(resolve(doc, ref), ref).toBeDefined();
    const schemas = (doc.components as { schemas: Json }).schemas;
    for (const [name, schema] of Object.entries(schemas)) {
      expect(schema, name).not.toHaveProperty('$schema');
      expect(schema, name).not.toHaveProperty('$id');
    }
  });

  it('describes filter conditions on synced fields and the fields each object keeps', async () => {
    const doc = (await request(ctx.app).get('/api/v1/openapi.json').expect(200)).body as Json;
    const schemas = (doc.components as { schemas: Record<string, Json> }).schemas;
    const filter = schemas.DataSourceFilter as { properties: Record<string, Json> };
    expect(refsIn(filter.properties.conditions)).toContain('#/components/schemas/FieldCondition');
    const condition = schemas.FieldCondition as { oneOf: { properties: { op: { const: string } } }[] };
    expect(condition.oneOf.map((c) => c.properties.op.const).sort()).toEqual(
      ['equals', 'in', 'isEmpty', 'isNotEmpty', 'range'].sort(),
    );
    const object = schemas.AvailableObject as { properties: Record<string, Json>; required: string[] };
    expect(object.required).toContain('fields');
    expect(refsIn(object.properties.fields)).toContain('#/components/schemas/AvailableField');
    expect(schemas.AvailableField).toMatchObject({ required: ['name', 'label', 'type'] });
  });

  it('lists every route the /api/v1 router registers, and nothing it does not', async () => {
    const doc = (await request(ctx.app).get('/api/v1/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, Json>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );
    const registered = registeredRoutes();
    expect(registered.length).toBe(Object.keys(v1Operations).length);
    expect(documented.sort()).toEqual(registered.sort());
  });

  it('describes parameters, bodies, the success response, errors and the scope of each operation', async () => {
    const doc = (await request(ctx.app).get('/api/v1/openapi.json').expect(200)).body;
    const records = doc.paths['/data-sources/{id}/records'].get;
    expect(records.parameters).toEqual([
      expect.objectContaining({ name: 'id', in: 'path', required: true }),
      expect.objectContaining({ name: 'cursor', in: 'query', required: false }),
      expect.objectContaining({
        name: 'limit',
        in: 'query',
        required: false,
        schema: expect.objectContaining({ maximum: 1000 }),
      }),
    ]);
    expect(records.security).toEqual([{ apiKey: ['data-sources:read'] }]);
    expect(records.responses['400'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Error',
    });
    const create = doc.paths['/call-activities'].post;
    const body = resolve(doc, create.requestBody.content['application/json'].schema.$ref) as Json;
    expect(body).toMatchObject({ type: 'object', additionalProperties: false });
    expect(body.required).toEqual(expect.arrayContaining(['callId', 'recordId', 'direction', 'startedAt']));
    expect(Object.keys(create.responses)).toEqual(['202', '400', '401', '403', '404', '409']);
    expect(doc.paths['/data-sources/{id}'].delete.responses['204']).not.toHaveProperty('content');
    expect(doc.components.securitySchemes.apiKey).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    );
  });
});

describe('GET /api/docs', () => {
  it('serves a self-contained reference page: its script and styles are files from this server, nothing inline', async () => {
    const res = await request(ctx.app).get('/api/docs').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.text).toContain('<script src="/api/docs/reference.js"></script>');
    expect(res.text).toContain('<link rel="stylesheet" href="/api/docs/reference.css">');
    expect(res.text).not.toMatch(/<script(?![^>]*\ssrc="\/)[^>]*>|<style|\sstyle=|https?:\/\//);
    expect(res.text).toContain('<label for="api-key">');
    const script = await request(ctx.app).get('/api/docs/reference.js').expect(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.text).toContain('/api/v1/openapi.json');
    const style = await request(ctx.app).get('/api/docs/reference.css').expect(200);
    expect(style.headers['content-type']).toMatch(/^text\/css/);
  });
});
