import { describe, expect, it } from 'vitest';
import { Prng } from './prng.ts';

const draws = (prng: Prng, n: number) => Array.from({ length: n }, () => prng.next());

// The emulator's seed data and the API's fidelity mix both replay from this generator's seeds.
describe('Prng', () => {
  it('replays the same sequence for the same seed, another for another seed', () => {
    expect(draws(new Prng(6), 50)).toEqual(draws(new Prng(6), 50));
    expect(draws(new Prng(6), 50)).not.toEqual(draws(new Prng(7), 50));
  });

  it('picks every member, undefined too, and refuses an empty list', () => {
    const prng = new Prng(10);
    const picked = new Set(Array.from({ length: 200 }, () => prng.pick([undefined, '/query', '/cometd'])));
    expect(picked).toEqual(new Set([undefined, '/query', '/cometd']));
    expect(() => prng.pick([])).toThrow('pick from an empty list');
  });

  it('samples distinct items, at most as many as there are', () => {
    const prng = new Prng(17);
    const sample = prng.sample(['a', 'b', 'c', 'd'], 3);
    expect(new Set(sample).size).toBe(3);
    expect(prng.sample(['a', 'b'], 5).sort()).toEqual(['a', 'b']);
  });
});
