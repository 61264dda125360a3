import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The one-way rule of apps/api/src (docs/decisions/012), read from the code itself: a file imports
 * only its own layer and the layers below it. From the top:
 *   4 composition root: main.ts, boot.ts, app.ts, banner.ts (boot output), seed/
 *   3 modules/   HTTP features
 *   2 sync/      the sync engine
 *   1 salesforce/ access to a connected org, failure policy
 *   0 platform:  http/, crypto/, metrics/, audit/, env.ts, deps.ts, database.ts, logger.ts, ...
 * A test beside the code keeps the same rule; a test that spans layers lives in apps/api/test
 * (docs/decisions/015), and no code in src/ but a test may lean on vitest or that harness.
 * LAYERS_SRC points the check at another tree, e.g. an older checkout, to see what it refuses.
 */
const SRC = process.env.LAYERS_SRC ?? path.dirname(fileURLToPath(import.meta.url));

const ROOT_FILES = new Set(['main.ts', 'boot.ts', 'app.ts', 'banner.ts']);
const LAYER_NAMES = ['platform', 'salesforce/', 'sync/', 'modules/', 'composition root'];

function layerOf(relative: string): number {
  const [top] = relative.split('/');
  if (ROOT_FILES.has(relative) || top === 'seed') return 4;
  if (top === 'modules') return 3;
  if (top === 'sync') return 2;
  if (top === 'salesforce') return 1;
  return 0;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

const isTest = (file: string) => file.endsWith('.test.ts');

// Static imports and re-exports (type-only too, over several lines) and dynamic import().
const IMPORT =
  /^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

export function importsOf(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
}

/** Every import of `src` against the direction, as `file -> import (layer -> layer)`. */
export function upwardImports(src: string): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(src)) {
    const from = path.relative(src, file);
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      const to = path.relative(src, path.resolve(path.dirname(file), specifier));
      if (to.startsWith('..')) continue; // outside src (apps/api/test): not a layer of the app
      const [a, b] = [layerOf(from), layerOf(to)];
      if (b > a) found.push(`${from} -> ${specifier} (${LAYER_NAMES[a]} -> ${LAYER_NAMES[b]})`);
    }
  }
  return found.sort();
}

describe('the layers of apps/api/src', () => {
  it('reads imports of every shape', () => {
    const source = [
      "import type { Deps } from '../deps.ts';",
      'import {',
      '  a,',
      '  b,',
      "} from './multi-line.ts';",
      "export { c } from './re-export.ts';",
      "import './side-effect.ts';",
      "const lazy = await import('./lazy.ts');",
      "// a comment that mentions import { x } from 'nowhere' is not an import",
    ].join('\n');
    expect(importsOf(source)).toEqual([
      '../deps.ts',
      './multi-line.ts',
      './re-export.ts',
      './side-effect.ts',
      './lazy.ts',
    ]);
  });

  it('import only their own layer and the layers below, tests beside the code too', () => {
    expect(upwardImports(SRC)).toEqual([]);
  });

  it('keep test support out: only tests import vitest or the harness in apps/api/test', () => {
    const leaning = sourceFiles(SRC)
      .filter((file) => !isTest(file))
      .filter((file) =>
        importsOf(readFileSync(file, 'utf8')).some(
          (specifier) =>
            specifier === 'vitest' ||
            (specifier.startsWith('.') &&
              path.relative(SRC, path.resolve(path.dirname(file), specifier)).startsWith('..')),
        ),
      )
      .map((file) => path.relative(SRC, file));
    expect(leaning).toEqual([]);
  });
});
