/**
 * The compact columns and byte blocks: growth, widening, and the parts that cross to another thread
 * (postMessage's structured clone, imitated here by `structuredClone` with the same transfer list).
 */
import { describe, expect, it } from "vitest";
import { ByteBlocks, Column, int32Column, numberColumn, ownParts } from "./compact.ts";

describe("Column", () => {
  it("grows, widens two-byte numbers when one needs four, and crosses threads as its filled part", () => {
    const c = numberColumn();
    for (let i = 0; i < 3000; i++) c.push(i === 2500 ? 70_000 : i);
    expect(c.data).toBeInstanceOf(Int32Array);
    const parts = c.parts();
    expect(parts.length).toBe(3000);
    const transfer = ownParts([parts]);
    expect(transfer).toHaveLength(1);
    const moved = Column.of(structuredClone(parts, { transfer }));
    expect(moved.length).toBe(3000);
    expect(moved.data[2500]).toBe(70_000);
    expect(moved.data[2999]).toBe(2999);
    expect(() => moved.push(1)).toThrow(/read-only/);
  });

  it("still grows after handing over an empty part", () => {
    const c = int32Column();
    expect(c.parts().length).toBe(0);
    for (let i = 0; i < 5; i++) c.push(i * 3);
    expect([...c.data.subarray(0, c.length)]).toEqual([0, 3, 6, 9, 12]);
  });
});

describe("ByteBlocks", () => {
  it("gives back the same text after its blocks move to another thread", () => {
    const b = new ByteBlocks();
    const places: [number, string][] = [];
    for (let i = 0; i < 40_000; i++) {
      const text = i % 1000 === 0 ? `long ${"é".repeat(300_000)}` : `piece ${i} ☃`;
      const n = Buffer.byteLength(text);
      const at = b.reserve(n);
      b.write(at, text);
      places.push([at, text]);
    }
    const parts = b.parts();
    expect(parts.blocks.length).toBeGreaterThan(2);
    const transfer = ownParts(parts.blocks);
    expect(transfer).toHaveLength(parts.blocks.length);
    const moved = ByteBlocks.of(structuredClone(parts, { transfer }));
    for (const [at, text] of places) expect(moved.text(at, Buffer.byteLength(text))).toBe(text);
  });

  it("leaves views into a shared pool to be copied, not moved", () => {
    const small = Buffer.from("abc"); // from Node's pool: part of a larger ArrayBuffer
    const own = new Uint8Array(16);
    expect(ownParts([small, own, own.subarray(2)])).toEqual([own.buffer]);
  });
});
