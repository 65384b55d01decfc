import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cli } from "../testing.ts";

const INPUT = fileURLToPath(
  new URL("../../../../../shared/fixtures/gogen/configurable_flow_input.csv", import.meta.url),
);
const EXAMPLE = fileURLToPath(
  new URL("../../../../examples/policies/example-county.policy.json", import.meta.url),
);

const runArgs = (policy: string, out: string) => [
  "run",
  "--input",
  INPUT,
  "--county",
  "SACRAMENTO",
  "--policy",
  policy,
  "--compute-at",
  "2019-11-11",
  "--out",
  out,
  "--quiet",
];

describe("clearance run with a policy file", () => {
  it("runs a custom policy file (exit 0)", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "clearance-cli-policy-"));
    const r = await cli(runArgs(EXAMPLE, path.join(dir, "out")));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  it("an invalid policy file: exit 1, every problem listed by path", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "clearance-cli-policy-"));
    const bad = path.join(dir, "bad.json");
    await writeFile(
      bad,
      JSON.stringify({
        format: "clearance-policy/1",
        id: "bad",
        label: "Bad",
        rules: [
          {
            id: "a",
            when: { currentAgeAtLeast: "fifty" },
            determination: "Eligible for Dismissal",
            reason: "x",
          },
          {
            id: "b",
            when: { any: [{ deceased: true }, { county: [] }] },
            determination: "Hand Review",
            reason: "{x}",
          },
        ],
        otherwise: { determination: "Not eligible", reason: "none" },
      }),
    );
    const r = await cli(runArgs(bad, path.join(dir, "out")));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`policy file ${bad} has problems:`);
    expect(r.stderr).toContain(
      "rules[0].when.currentAgeAtLeast: Invalid input: expected number, received string",
    );
    expect(r.stderr).toContain("rules[1].when.any[1].county: ");
    expect(r.stderr).toContain("rules[1].reason: unknown placeholder {x}; only {section} is filled in");
  });
});
