import { describe, expect, it } from "vitest";
import { createRng } from "./prng.ts";

const take = (seed: number, n: number): number[] => {
  const r = createRng(seed);
  return Array.from({ length: n }, () => r.uint32());
};

describe("createRng", () => {
  it("repeats a sequence for a seed and differs between nearby and large seeds", () => {
    expect(take(1, 50)).toEqual(take(1, 50));
    const seqs = [0, 1, 2, -1, 2 ** 32, 2 ** 32 + 1, Number.MAX_SAFE_INTEGER].map((s) => take(s, 8).join());
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it("keeps int() within bounds and reaches both ends", () => {
    const r = createRng(9);
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const v = r.int(3, 9);
      expect(Number.isInteger(v) && v >= 3 && v <= 9).toBe(true);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });

  it("is roughly uniform", () => {
    const r = createRng(123);
    let sum = 0;
    for (let i = 0; i < 20000; i++) sum += r.float();
    expect(Math.abs(sum / 20000 - 0.5)).toBeLessThan(0.01);
    expect(r.digits(12)).toMatch(/^\d{12}$/);
  });

  it("rejects seeds that are not safe integers", () => {
    expect(() => createRng(1.5)).toThrow(RangeError);
    expect(() => createRng(2 ** 60)).toThrow(RangeError);
  });
});
