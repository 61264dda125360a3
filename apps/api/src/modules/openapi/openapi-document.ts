import {
  type ApiOperation,
  availableField,
  availableObject,
  callActivityView,
  dataSourceFilter,
  dataSourceView,
  errorBody,
  fieldCondition,
  type OpenApiDocument,
  recordChange,
  sourceRecord,
  v1Operations,
} from '@ch/contracts';
import { z } from 'zod';

type Json = Record<string, unknown>;
const REF = '#/components/schemas/';

// Shared shapes get a name of their own, so every operation that uses them refers to one schema.
const NAMED: [string, z.ZodType][] = [
  ['Error', errorBody],
  ['DataSourceFilter', dataSourceFilter],
  ['FieldCondition', fieldCondition],
  ['DataSource', dataSourceView],
  ['AvailableObject', availableObject],
  ['AvailableField', availableField],
  ['SourceRecord', sourceRecord],
  ['RecordChange', recordChange],
  ['CallActivity', callActivityView],
];

const pascal = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);
export const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request: the error names each invalid field (nothing was changed)',
  401: 'No API key, or one that is unknown or revoked',
  403: 'The API key lacks the scope this operation needs',
  404: 'Not found (or not of the key’s organization)',
  409: 'Conflicts with the current state',
};

function register(registry: z.core.$ZodRegistry<{ id: string }>, schema: z.ZodType, id: string): string {
  const known = registry.get(schema)?.id;
  if (known) return known;
  registry.add(schema, { id });
  return id;
}

// The input registry holds every shared shape; keep only those a request body refers to.
function reachable(schemas: Record<string, Json>, roots: string[]): Record<string, Json> {
  const kept: Record<string, Json> = {};
  const visit = (name: string) => {
    if (kept[name] || !schemas[name]) return;
    kept[name] = schemas[name];
    for (const [, ref] of JSON.stringify(schemas[name]).matchAll(/"#\/components\/schemas\/(\w+)"/g))
      visit(ref!);
  };
  for (const root of roots) visit(root);
  return kept;
}

/** Request (input) and response (output) schemas as components; an input that differs is `<Name>Input`. */
function buildSchemas(operations: [string, ApiOperation][]) {
  const input = z.registry<{ id: string }>();
  const output = z.registry<{ id: string }>();
  for (const [name, schema] of NAMED) {
    input.add(schema, { id: name });
    output.add(schema, { id: name });
  }
  const refs = new Map<string, { body?: string; success?: string }>();
  for (const [id, op] of operations) {
    refs.set(id, {
      ...(op.body ? { body: register(input, op.body, `${pascal(id)}Request`) } : {}),
      ...(op.success.schema ? { success: register(output, op.success.schema, `${pascal(id)}Response`) } : {}),
    });
  }
  const convert = (registry: typeof input, io: 'input' | 'output') =>
    z.toJSONSchema(registry, { io, uri: (id) => `${REF}${id}`, unrepresentable: 'any' }).schemas;
  const outSchemas = convert(output, 'output');
  const inSchemas = reachable(
    convert(input, 'input'),
    [...refs.values()].flatMap((ref) => (ref.body ? [ref.body] : [])),
  );
  const renamed = new Map<string, string>();
  for (const [name, schema] of Object.entries(inSchemas)) {
    const twin = outSchemas[name];
    if (twin && JSON.stringify(twin) !== JSON.stringify(schema)) renamed.set(name, `${name}Input`);
  }
  let inText = JSON.stringify(inSchemas);
  for (const [from, to] of renamed) inText = inText.replaceAll(`"${REF}${from}"`, `"${REF}${to}"`);
  const schemas: Record<string, Json> = { ...outSchemas };
  for (const [name, schema] of Object.entries(JSON.parse(inText) as Record<string, Json>)) {
    schemas[renamed.get(name) ?? name] = schema;
  }
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  const inputRef = (name: string) => `${REF}${renamed.get(name) ?? name}`;
  return { schemas, refs, inputRef };
}

function parameters(where: 'path' | 'query', shape: z.ZodObject | undefined): Json[] {
  if (!shape) return [];
  return Object.entries(shape.shape).map(([name, schema]) => {
    const {
      $schema: _,
      description,
      ...json
    } = z.toJSONSchema(schema as z.ZodType, {
      io: 'input',
      unrepresentable: 'any',
    }) as Json;
    return {
      name,
      in: where,
      required: where === 'path' || !(schema as z.ZodType).safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema: json,
    };
  });
}

function buildDocument(): OpenApiDocument {
  const operations = Object.entries(v1Operations) as [string, ApiOperation][];
  const { schemas, refs, inputRef } = buildSchemas(operations);
  const paths: Record<string, Record<string, Json>> = {};
  for (const [id, op] of operations) {
    const { body, success } = refs.get(id)!;
    const errorResponses = Object.fromEntries(
      op.errors.map((status) => [
        String(status),
        {
          description: STATUS_TEXT[status],
          content: { 'application/json': { schema: { $ref: `${REF}Error` } } },
        },
      ]),
    );
    const json = (ref: string | undefined) => ({ schema: ref ? { $ref: ref } : { type: 'object' } });
    const path = toOpenApiPath(op.path);
    paths[path] ??= {};
    paths[path][op.method] = {
      operationId: id,
      summary: op.summary,
      description: [op.description, op.scope ? `Needs an API key with the \`${op.scope}\` scope.` : 'Public.']
        .filter(Boolean)
        .join('\n\n'),
      tags: [op.path.startsWith('/call-activities') ? 'Call activities' : op.scope ? 'Data sources' : 'Meta'],
      security: op.scope ? [{ apiKey: [op.scope] }] : [],
      parameters: [...parameters('path', op.params), ...parameters('query', op.query)],
      ...(body
        ? { requestBody: { required: true, content: { 'application/json': json(inputRef(body)) } } }
        : {}),
      responses: {
        [String(op.success.status)]: {
          description: op.success.description,
          ...(op.success.status === 204
            ? {}
            : { content: { 'application/json': json(success && `${REF}${success}`) } }),
        },
        ...errorResponses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cloverhound Cloud Integrations API',
      version: '1.0.0',
      description:
        'Campaign data sources read from the synced Salesforce records, and call activity written back as Tasks. ' +
        'Every call sends an API key an organization administrator created: `Authorization: Bearer <key>`.',
    },
    servers: [{ url: '/api/v1' }],
    paths,
    components: {
      schemas,
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key (chk_live_…)' } },
    },
  };
}

let cached: OpenApiDocument | undefined;

/** The OpenAPI 3.1 document of /api/v1, generated once from the zod contracts. */
export function openApiDocument(): OpenApiDocument {
  cached ??= buildDocument();
  return cached;
}
