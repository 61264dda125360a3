/**
 * The seeds a fidelity test file runs: its own fixed range, or the ones named in FIDELITY_SEEDS
 * (comma-separated) to replay a failure, e.g. `FIDELITY_SEEDS=17 pnpm vitest run ... fidelity`.
 */
export function fidelitySeeds(first: number, count: number): number[] {
  const named = process.env.FIDELITY_SEEDS?.split(',').map(Number).filter(Number.isInteger);
  if (named && named.length > 0) return named;
  return Array.from({ length: count }, (_, i) => first + i);
}
