import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The SPA's layers, top to bottom. Imports point down (or stay inside their own layer); two
 * features share code only through lib/ or components/, so one can change without the other.
 */
const RANK = { app: 3, features: 2, components: 1, lib: 0 } as const;

const src = dirname(fileURLToPath(import.meta.url));

/** Every non-test source file, as a path relative to src/ with forward slashes. */
function sourceFiles(dir = src): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' ? [] : sourceFiles(path);
    if (!/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name)) return [];
    return [relative(src, path).split('\\').join('/')];
  });
}

/** The relative specifiers of `import … from`, `export … from` and `import()`. */
function relativeImports(code: string): string[] {
  const specifiers = [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.[^'"]+)['"]/g)];
  return specifiers.map((match) => match[1] as string);
}

/** Which layer a src-relative path is in; a feature is its own layer, `features/<name>`. */
function layerOf(path: string): { rank: number; name: string } | null {
  const [top, feature] = path.split('/');
  if (top === 'features') return { rank: RANK.features, name: `features/${feature}` };
  if (top === 'app' || top === 'components' || top === 'lib') return { rank: RANK[top], name: top };
  return null; // main.tsx, styles: the entry point imports everything and is imported by nothing.
}

/** Each import that points up a layer or across to another feature, as "file -> import". */
function violations(files: Record<string, string>): string[] {
  return Object.entries(files).flatMap(([file, code]) => {
    const from = layerOf(file);
    if (!from) return [];
    return relativeImports(code).flatMap((specifier) => {
      const target = normalize(join(dirname(file), specifier))
        .split('\\')
        .join('/');
      const to = layerOf(target);
      if (!to || to.name === from.name || to.rank < from.rank) return [];
      return [`${file} -> ${target}`];
    });
  });
}

describe('layers of apps/web/src', () => {
  it('has no import up a layer or between two features', () => {
    const files = Object.fromEntries(
      sourceFiles().map((file) => [file, readFileSync(join(src, file), 'utf8')]),
    );
    expect(Object.keys(files).length).toBeGreaterThan(50);
    expect(violations(files)).toEqual([]);
  });

  it('names each import that crosses features or points up', () => {
    expect(
      violations({
        'features/support/api/x.ts': "import { a } from '../../auth/api/get-me.ts';",
        'lib/y.ts': "export { b } from '../features/auth/api/login.ts';",
        'components/ui/z.tsx': "const c = import('../../app/access.ts');",
        'features/auth/api/ok.ts':
          "import { d } from '../../../lib/api-client.ts';\nimport { e } from './get-me.ts';",
        'app/router.tsx': "import { f } from '../features/auth/components/require-auth.tsx';",
      }),
    ).toEqual([
      'features/support/api/x.ts -> features/auth/api/get-me.ts',
      'lib/y.ts -> features/auth/api/login.ts',
      'components/ui/z.tsx -> app/access.ts',
    ]);
  });
});
