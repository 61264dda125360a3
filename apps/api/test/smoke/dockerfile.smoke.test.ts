import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// No container engine runs on these machines, so the image is checked by what it is built from:
// after `pnpm build`, everything the Dockerfile copies exists, and its install sees every workspace.
const ROOT = path.resolve(import.meta.dirname, '../../../..');
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const copies = [...dockerfile.matchAll(/^COPY (--from=(\S+) )?(.+) (\S+)$/gm)].map((match) => ({
  stage: match[2],
  sources: match[3]!.split(' '),
}));

describe('the Dockerfile', () => {
  it('copies from the build stage only what `pnpm build` produced', () => {
    const built = copies.filter((copy) => copy.stage === 'build').flatMap((copy) => copy.sources);
    expect(built).toContain('/app/apps/api/dist');
    for (const source of built)
      expect(existsSync(path.join(ROOT, source.replace(/^\/app\//, ''))), source).toBe(true);
    expect(existsSync(path.join(ROOT, 'apps/api/dist/main.js'))).toBe(true);
    expect(existsSync(path.join(ROOT, 'packages/db/dist/generated/prisma/client.js'))).toBe(true);
  });

  it("copies each workspace's compiled output and manifest, so the frozen install and the start find them", () => {
    const workspaces = ['apps', 'packages'].flatMap((dir) =>
      readdirSync(path.join(ROOT, dir)).map((name) => `${dir}/${name}`),
    );
    const fromContext = copies.filter((copy) => !copy.stage).flatMap((copy) => copy.sources);
    for (const workspace of workspaces) expect(fromContext).toContain(`${workspace}/package.json`);
    const built = copies.filter((copy) => copy.stage === 'build').flatMap((copy) => copy.sources);
    for (const workspace of workspaces.filter((dir) =>
      existsSync(path.join(ROOT, dir, 'tsconfig.build.json')),
    )) {
      expect(built).toContain(`/app/${workspace}/dist`);
    }
  });

  it('runs the start of `pnpm start:prod` as a non-root user with a health check on /readyz', () => {
    const startProd: string = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts[
      'start:prod'
    ];
    const args = startProd.replace(/^NODE_ENV=production /, '').split(' ');
    expect(dockerfile).toContain(`CMD ${JSON.stringify(args).replaceAll(',', ', ')}`);
    expect(dockerfile).toMatch(/^ENV NODE_ENV=production /m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .+\n\s+CMD .+\/readyz/m);
  });
});
