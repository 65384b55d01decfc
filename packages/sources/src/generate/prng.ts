/**
 * @module generate/prng — a small seeded pseudo-random generator (sfc32, seeded through splitmix32).
 *
 * Synthetic test files must be a pure function of the seed, so the generator never touches
 * `Math.random` or the clock. sfc32 is fast in JavaScript (32-bit integer ops only), passes
 * PractRand to large sizes and has no bad seeds once the state is scrambled by splitmix32.
 */

/** A deterministic random stream. Every method advances the same underlying state. */
export interface Rng {
  /** Next unsigned 32-bit integer. */
  uint32(): number;
  /** Uniform float in [0, 1). */
  float(): number;
  /** Uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** An exponentially distributed float with mean 1. */
  exp(): number;
  /** A string of `n` decimal digits (leading zeros kept). */
  digits(n: number): string;
}

function splitmix32(state: number): () => number {
  let s = state | 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * Creates a generator from any safe integer seed (negative and values above 2^32 are distinct seeds).
 * @example createRng(1).int(1, 6) // always the same die roll for seed 1
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 0x100000000) >>> 0;
  const mix = splitmix32(lo ^ Math.imul(hi, 0x27d4eb2d) ^ 0x5bd1e995);
  let a = mix();
  let b = mix() ^ hi;
  let c = mix();
  let d = mix() | 1;
  const uint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm up so that nearby seeds diverge immediately.
  for (let i = 0; i < 12; i++) uint32();
  const float = (): number => uint32() / 4294967296;
  const DIGITS = "0123456789";
  return {
    uint32,
    float,
    int: (lo2, hi2) => lo2 + Math.floor(float() * (hi2 - lo2 + 1)),
    chance: (p) => float() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(float() * items.length)] as T,
    exp: () => -Math.log(1 - float()),
    digits: (n) => {
      let s = "";
      for (let i = 0; i < n; i++) s += DIGITS[Math.floor(float() * 10)];
      return s;
    },
  };
}
