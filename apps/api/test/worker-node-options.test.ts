import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKER_V8_FLAGS, withWorkerV8Flags } from '../scripts/cluster/worker-node-options.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

describe('the worker V8 flags', () => {
  it('are the production compose file worker NODE_OPTIONS and the CDC bench worker flags', () => {
    const flags = WORKER_V8_FLAGS.join(' ');
    expect(read('docker-compose.production.yml')).toContain(`NODE_OPTIONS: ${flags}\n`);
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['bench:cdc']).toContain(`node ${flags} `);
  });

  it('are appended to NODE_OPTIONS except where it sets a flag itself', () => {
    expect(withWorkerV8Flags('')).toBe(WORKER_V8_FLAGS.join(' '));
    expect(withWorkerV8Flags('--enable-source-maps')).toBe(
      `--enable-source-maps ${WORKER_V8_FLAGS.join(' ')}`,
    );
    expect(withWorkerV8Flags('--max-old-space-size=1024')).toBe(
      '--max-old-space-size=1024 --max-semi-space-size=16',
    );
    expect(withWorkerV8Flags('--max-semi-space-size=4 --max-old-space-size=200')).toBe(
      '--max-semi-space-size=4 --max-old-space-size=200',
    );
  });
});
