import { describe, expect, it } from "vitest";
import { countyWarning, noUsableRowsWarning } from "./run-warnings.ts";

describe("countyWarning", () => {
  const counties = new Map([
    ["SAN FRANCISCO", 3],
    ["LOS ANGELES", 35],
    ["ALAMEDA", 3],
  ]);

  it("says nothing when a conviction is in the county, or when the file has none", () => {
    expect(countyWarning("a.csv", "ALAMEDA", counties)).toBeUndefined();
    expect(countyWarning("a.csv", "LOS ANGELES", new Map())).toBeUndefined();
    expect(countyWarning("a.csv", "LOS ANGELES", new Map([["KERN", 0]]))).toBeUndefined();
  });

  it("names the file, the county asked for and the counties found, most convictions first", () => {
    expect(countyWarning("a.csv", "LOS ANGELS", counties)).toBe(
      'a.csv: none of its 41 convictions is in county "LOS ANGELS" (counties are compared exactly, as the ' +
        "original tool did), so none was decided. " +
        'Counties of its convictions: "LOS ANGELES" (35), "ALAMEDA" (3), "SAN FRANCISCO" (3).',
    );
  });

  it("warns when some convictions are in the county and others in it written with other case or spaces", () => {
    const mixed = new Map([
      ["SACRAMENTO", 30],
      ["SACRAMENTO ", 1],
      ["Sacramento", 2],
      ["KERN", 4],
    ]);
    expect(countyWarning("m.csv", "SACRAMENTO", mixed)).toBe(
      'm.csv: 3 of its convictions are in county "Sacramento" (2), "SACRAMENTO " (1), written unlike ' +
        '"SACRAMENTO" only in case or spaces; counties are compared exactly, as the original tool did, so they ' +
        "were not decided. Correct the file, or run again for that spelling.",
    );
    expect(countyWarning("m.csv", "KERN", mixed)).toBeUndefined();
  });

  it("suggests the county that differs only in case or spaces", () => {
    expect(countyWarning("a.csv", " los  angeles", counties)).toContain('Did you mean "LOS ANGELES"? ');
    expect(countyWarning("a.csv", "LOS ANGELS", counties)).not.toContain("Did you mean");
  });

  it("names five counties and counts the rest", () => {
    const many = new Map(["A", "B", "C", "D", "E", "F", "G"].map((c, i) => [c, 10 - i]));
    const w = countyWarning("b.csv", "Z", many)!;
    expect(w).toContain('"A" (10), "B" (9), "C" (8), "D" (7), "E" (6) and 2 more.');
    expect(w).not.toContain('"F"');
  });
});

describe("noUsableRowsWarning", () => {
  it("warns for a file with no data rows, and only then", () => {
    expect(noUsableRowsWarning("e.csv", 0)).toBe(
      "e.csv: no data rows (the file is empty or holds only a header line), so nothing was decided.",
    );
    expect(noUsableRowsWarning("e.csv", 1)).toBeUndefined();
    expect(noUsableRowsWarning("e.csv", 3, 2)).toBeUndefined();
  });

  it("warns when every row was rejected, asking whether it is a DOJ file", () => {
    expect(noUsableRowsWarning("ls", 1_495, 1_495)).toBe(
      "ls: every one of its 1,495 rows was rejected (see rejects.csv), so nothing was decided. " +
        "Is it a DOJ research file (95 columns, comma-separated)?",
    );
  });
});
