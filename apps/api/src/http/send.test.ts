import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

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
