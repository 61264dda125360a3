import { describe, expect, it } from 'vitest';
import { useTestContext } from '../context.ts';
import { runScenario } from './scenario.ts';
import { fidelitySeeds } from './seeds.ts';

const ctx = useTestContext();

describe('the local copy equals Salesforce after random changes under faults', () => {
  it.each(fidelitySeeds(1, 20))(
    'seed %i: REST and CDC over Pub/Sub (odd seeds) or CometD (even), swapped and back mid-run, two workers with short leases, outages of days, kills, 5xx, token expiry, dropped streams, Bulk API 2.0 loads (every third seed)',
    async (seed) => {
      const result = await runScenario(ctx.deps, ctx.databaseUrl, seed);
      expect(result.differences.slice(0, 20), result.log.join('\n')).toEqual([]);
    },
    60_000,
  );
});
