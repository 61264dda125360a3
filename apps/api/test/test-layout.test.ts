import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

// docs/decisions/015-test-layout.md: a test beside the code imports from src/ only its own layer
// and below; a test that needs a higher layer lives in apps/api/test/, as does all harness code.
const SRC = path.join(import.meta.dirname, '..', 'src');
const TEST = import.meta.dirname;

const COMPOSITION = new Set(['main.ts', 'app.ts', 'banner.ts', 'salesforce-setup.ts', 'seed']);
const FOLDER_LAYER: Record<string, number> = { modules: 4, sync: 3, salesforce: 2, http: 1 };
// Issue #13 moves these into src/salesforce/ on another branch; until the merge they sit in
// modules/ but are already the Salesforce layer that sync's tests import.
const MOVING_TO_SALESFORCE = new Set([
  'modules/salesforce-connection/salesforce-client.ts',
  'modules/salesforce-connection/quota.ts',
  'modules/salesforce-connection/token-refresh.ts',
]);

/** Composition root 5, modules 4, sync 3, salesforce 2, http 1, platform files 0. */
function layer(srcPath: string): number {
  if (MOVING_TO_SALESFORCE.has(srcPath)) return 2;
  const top = srcPath.split('/')[0] ?? '';
  if (COMPOSITION.has(top)) return 5;
  return FOLDER_LAYER[top] ?? 0;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.includes('generated'))
    .map((f) => path.join(dir, f));
}

/** The files under `root` that `file` imports by a relative path, relative to `root`. */
function importsInto(file: string, root: string): string[] {
  const specifiers = [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)];
  return specifiers
    .map((m) => path.relative(root, path.resolve(path.dirname(file), m[1] ?? '')))
    .filter((p) => !p.startsWith('..'))
    .map((p) => p.split(path.sep).join('/'));
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file);

it('a test beside the code imports from src/ only its own layer and below', () => {
  const upward: string[] = [];
  for (const file of filesUnder(SRC).filter(isTest)) {
    const own = layer(path.relative(SRC, file).split(path.sep).join('/'));
    for (const target of importsInto(file, SRC))
      if (layer(target) > own) upward.push(`${path.relative(SRC, file)} -> ${target}`);
  }
  expect(upward).toEqual([]);
});

it('no code in src/ but a test imports vitest or the harness in apps/api/test/', () => {
  const harnessInSrc = filesUnder(SRC)
    .filter((file) => !isTest(file))
    .filter((file) => /from 'vitest'/.test(readFileSync(file, 'utf8')) || importsInto(file, TEST).length > 0)
    .map((file) => path.relative(SRC, file));
  expect(harnessInSrc).toEqual([]);
});
