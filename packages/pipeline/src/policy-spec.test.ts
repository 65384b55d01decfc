/**
 * `loadPolicy`'s Los Angeles criteria: whole numbers in the options files' ranges (age 40–65, years
 * 1–15), defaults only when absent, and an error when given with another policy.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, laOptionsFromFlags, loadPolicy } from "./policy-spec.ts";

const BEAR = fileURLToPath(new URL("../../../examples/policies/bear-default.json", import.meta.url));

describe("Los Angeles criteria", () => {
  it.each([
    [{ age: Number.NaN }, /--la-age must be a whole number from 40 to 65 \(default 50\), got NaN/],
    [{ age: 0 }, /--la-age must be a whole number from 40 to 65 \(default 50\), got 0/],
    [{ age: 66 }, /--la-age must be/],
    [{ age: 45.5 }, /--la-age must be/],
    [{ yearsConvictionFree: -3 }, /--la-years must be a whole number from 1 to 15 \(default 10\), got -3/],
    [{ yearsConvictionFree: 0 }, /--la-years must be/],
  ])("rejects %o naming the option, instead of falling back to the default", async (la, message) => {
    await expect(loadPolicy("los-angeles", la)).rejects.toThrow(ConfigError);
    await expect(loadPolicy("los-angeles", la)).rejects.toThrow(message);
  });

  it.each(["statute", BEAR])(
    "refuses the criteria with --policy %s (they would be ignored)",
    async (spec) => {
      await expect(loadPolicy(spec, { age: 45 })).rejects.toThrow(
        "--la-age and --la-years go with --policy los-angeles",
      );
      await expect(loadPolicy(spec, { yearsConvictionFree: 5 })).rejects.toThrow(ConfigError);
      await expect(loadPolicy(spec, {})).resolves.toBeDefined();
    },
  );

  it("reads the flags' text strictly (digits only); takes the bounds; 50 / 10 only when absent", async () => {
    expect(laOptionsFromFlags({ laAge: "45", laYears: "2" })).toEqual({ age: 45, yearsConvictionFree: 2 });
    expect(laOptionsFromFlags({})).toEqual({});
    expect(() => laOptionsFromFlags({ laAge: "12abc" })).toThrow(
      '--la-age must be a whole number from 40 to 65 (default 50), got "12abc"',
    );
    expect(() => laOptionsFromFlags({ laAge: "" })).toThrow(/--la-age must be/);
    expect(() => laOptionsFromFlags({ laYears: "1e1" })).toThrow(/--la-years must be/);
    expect(() => laOptionsFromFlags({ laYears: " 5" })).not.toThrow();
    for (const la of [
      { age: 40, yearsConvictionFree: 15 },
      { age: 65, yearsConvictionFree: 1 },
    ])
      expect((await loadPolicy("los-angeles", la)).la).toEqual(la);
    expect((await loadPolicy("los-angeles")).la).toEqual({ age: 50, yearsConvictionFree: 10 });
  });
});
