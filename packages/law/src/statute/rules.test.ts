import { describe, expect, it } from "vitest";
import { PREDICATES } from "./predicates.ts";
import { STATUTE_RULES } from "./rules.ts";
import type { StatuteCondition } from "./types.ts";

function predicatesOf(c: StatuteCondition): string[] {
  if ("always" in c) return [];
  if ("p" in c) return [c.p];
  if ("not" in c) return predicatesOf(c.not);
  return ("all" in c ? c.all : c.any).flatMap(predicatesOf);
}

describe("STATUTE_RULES data", () => {
  it("has unique ids", () => {
    const ids = STATUTE_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(STATUTE_RULES.map((r) => [r.id, r] as const))(
    "%s cites a subsection and describes itself",
    (_id, r) => {
      expect(r.citation).toMatch(/^(H&S|PC) \d+(\.\d+)?(\([a-z0-9A-Z]+\))+$/);
      expect(r.description.length).toBeGreaterThan(20);
      for (const p of predicatesOf(r.condition)) expect(PREDICATES).toHaveProperty(p);
    },
  );

  it("stages come in order: scope, offence, remedy, procedure", () => {
    const order = ["scope", "offence", "remedy", "procedure"];
    const idx = STATUTE_RULES.map((r) => order.indexOf(r.stage));
    expect(idx).toEqual([...idx].sort((a, b) => a - b));
  });
});
