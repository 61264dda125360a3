import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sendWithJsonText } from './send.ts';

const SRC = join(import.meta.dirname, '..');
// The docs page's script runs in the browser: its `res.json()` reads a fetch Response.
const BROWSER_CODE = 'modules/openapi/docs-script.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('send', () => {
  it('is the only place that answers JSON: every other answer names its contract schema', () => {
    const answering = sources(SRC)
      .filter((path) => /\bres(?:\.status\([^)]*\))?\.json\(/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(SRC, path))
      .filter((path) => path !== BROWSER_CODE);
    expect(answering).toEqual(['http/send.ts']);
  });
});

describe('sendWithJsonText', () => {
  it('answers the spliced text with its length in bytes, multi-byte characters included', async () => {
    const page = z.object({
      records: z.array(z.object({ name: z.string() })),
      nextCursor: z.string().nullable(),
    });
    const records = '[{"name":"Ünïcødé 名前 😀"},{"name":"Quote \\" and \\\\"}]';
    const app = express().get('/', (_req, res) =>
      sendWithJsonText(res, page, { nextCursor: null }, { records }),
    );
    const res = await request(app).get('/').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
    expect(res.text).toBe(`{"records":${records},"nextCursor":null}`);
    expect(page.parse(res.body).records.map((r) => r.name)).toEqual(['Ünïcødé 名前 😀', 'Quote " and \\']);
  });
});
