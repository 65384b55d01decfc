/**
 * Reading policy files: every problem of an invalid file is listed with its dotted path (schema and
 * cross-validation together), warnings for rules that cannot decide or cite nothing, normalisation.
 */
import { describe, expect, it } from "vitest";
import { formatPath, normalizePolicyFile, parsePolicyFile } from "./parse.ts";
import { POLICY_FILE_FORMAT } from "./schema.ts";

const valid = {
  format: POLICY_FILE_FORMAT,
  id: "example",
  label: "Example",
  rules: [
    {
      id: "a",
      citation: "H&S 11361.8(e)",
      when: { felony: false },
      determination: "Eligible for Dismissal",
      reason: "Misdemeanor or Infraction",
    },
    {
      id: "b",
      citation: "H&S 11361.8(a)",
      when: { section: ["11357", "11358(a)"] },
      determination: "Eligible for Dismissal",
      reason: "Dismiss all HS {section} convictions",
    },
  ],
  otherwise: { determination: "Hand Review", reason: "No criteria" },
};

describe("formatPath", () => {
  it("writes indexes in brackets and names with dots", () => {
    expect(formatPath(["rules", 3, "when", "all", 1])).toBe("rules[3].when.all[1]");
    expect(formatPath([])).toBe("(file)");
  });
});

describe("parsePolicyFile", () => {
  it("accepts a valid file without warnings", () => {
    expect(parsePolicyFile(valid)).toEqual({ ok: true, value: valid, warnings: [] });
  });

  it("lists every problem by path, schema and cross-validation together", () => {
    const bad = {
      format: "clearance-policy/2",
      id: "bad id",
      label: "",
      extra: true,
      rules: [
        {
          id: "r1",
          when: { all: [{ felony: "yes" }, { age: 50 }, {}, { deceased: true, felony: true }] },
          determination: "Dismiss",
          reason: "x",
        },
        {
          id: "r1",
          citation: "H&S 11361.9(a)",
          when: { any: [{ convictedBefore: "2016-02-30" }, { convictedOnOrAfter: "11/09/2016" }] },
          determination: "Not eligible",
          reason: "{age} years",
        },
        {
          id: "r3",
          citation: "H&S 11361.9(a)",
          when: { not: { noConvictionWithinYears: { years: 0 } } },
          determination: "Hand Review",
          reason: "In {section}",
        },
        "not a rule",
      ],
      otherwise: { id: "r3", determination: "", reason: "" },
    };
    const r = parsePolicyFile(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'format: Invalid input: expected "clearance-policy/1"',
      "id: must be letters, digits, '.', '_' or '-' (e.g. la.age)",
      "label: must not be empty",
      "rules[0].when.all[0].felony: Invalid input: expected boolean, received string",
      expect.stringMatching(
        /^rules\[0\]\.when\.all\[1\]: unknown predicate "age"; use one of all, any, not, /,
      ),
      "rules[0].when.all[2]: a condition needs one predicate or all/any/not",
      'rules[0].when.all[3]: a condition has exactly one key, found felony, deceased; combine them with "all" or "any"',
      expect.stringMatching(
        /^rules\[0\]\.determination: Invalid option: expected one of "Eligible for Dismissal"/,
      ),
      "rules[1].when.any[0].convictedBefore: is not a real date",
      "rules[1].when.any[1].convictedOnOrAfter: must be a date written YYYY-MM-DD",
      "rules[2].when.not.noConvictionWithinYears.years: Too small: expected number to be >=1",
      'rules[2].when.not.noConvictionWithinYears.boundary: Invalid option: expected one of "inclusive"|"exclusive"',
      "rules[3]: Invalid input: expected object, received string",
      '(file): Unrecognized key: "extra"',
      'rules[1].id: duplicate rule id "r1" (also rules[0].id)',
      "rules[1].reason: unknown placeholder {age}; only {section} is filled in",
      'rules[2].reason: {section} needs the rule\'s "when" to be one of section, sectionStartsWith, prop64Section',
      'otherwise.id: duplicate rule id "r3" (also rules[2].id)',
    ]);
    expect(r.warnings).toEqual(["rules[0]: no citation; name the statute subsection it rests on"]);
  });

  it("rejects what is not an object", () => {
    const r = parsePolicyFile([1]);
    expect(r).toEqual({
      ok: false,
      errors: ["(file): Invalid input: expected object, received array"],
      warnings: [],
    });
  });

  it("warns about a rule that repeats an earlier condition (it can never decide)", () => {
    const r = parsePolicyFile({
      ...valid,
      rules: [
        ...valid.rules,
        {
          id: "c",
          citation: "H&S 11361.8(e)",
          when: { section: ["11357", "11358(a)"] },
          determination: "Eligible for Reduction",
          reason: "Reduce all HS {section} convictions",
        },
      ],
    });
    expect(r).toMatchObject({
      ok: true,
      warnings: ["rules[2]: never decides, rules[1] has the same condition and comes first"],
    });
  });
});

describe("normalizePolicyFile", () => {
  it("makes lists, upper-cases sections and counties, reads dates, names the otherwise rule", () => {
    const n = normalizePolicyFile({
      ...valid,
      rules: [
        {
          id: "x",
          when: { all: [{ county: "los angeles" }, { convictedOnOrAfter: "2016-11-09" }, { level: "M" }] },
          determination: "Not eligible",
          reason: "x",
        },
        ...valid.rules,
      ],
    } as never);
    expect(n.rules[0]!.when).toEqual({
      kind: "all",
      of: [
        { kind: "county", values: ["LOS ANGELES"] },
        { kind: "convictedOnOrAfter", date: 17114 },
        { kind: "level", levels: ["M"] },
      ],
    });
    expect(n.rules[2]).toMatchObject({
      when: { kind: "section", values: ["11357", "11358(A)"] },
      fillsSection: true,
    });
    expect(n.otherwise.id).toBe("otherwise");
  });
});
