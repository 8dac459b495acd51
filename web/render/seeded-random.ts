/**
 * @module seeded-random
 * Deterministic pseudo-random numbers for the scene painter and the music generator: the same
 * seed gives the same sequence in every browser, every frame and every render chunk (never
 * `Math.random`).
 * Mulberry32 (Tommy Ettinger's 32-bit generator, public domain:
 * https://gist.github.com/tommyettinger/46a874533244883189143505d203312c) — fast and plenty for
 * placing windows, stars and trees.
 */

/** A generator of numbers in [0, 1). */
export type Random = () => number;

/**
 * A generator seeded by `seed` and a `salt` (so each layer of one scene gets its own sequence).
 * @param seed any integer (the scene's seed)
 * @param salt any integer naming the use (e.g. a layer's index)
 */
export function seededRandom(seed: number, salt = 0): Random {
  // Salt 0 leaves the seed as it is (the music's sequences predate salts).
  let state = (seed ^ Math.imul(salt | 0, 0x85ebca6b)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A number in [min, max) from `random`. */
export function between(random: Random, min: number, max: number): number {
  return min + (max - min) * random();
}
